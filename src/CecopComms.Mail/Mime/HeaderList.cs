namespace CecopComms.Mail.Mime;

/// <summary>An ordered list of headers (mirrors MimeKit.HeaderList). Values with CR or LF are refused.</summary>
public class HeaderList : List<Header>
{
    /// <summary>Adds a header at the end.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="field"/> or <paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException">The value holds CR, LF or NUL (the message names the header), or the field name is invalid.</exception>
    public void Add(string field, string value) => Add(new Header(field, value));

    /// <summary>True when a header with this name is present (case-insensitive).</summary>
    public bool Contains(string field) => IndexOf(field) >= 0;

    /// <summary>The index of the first header with this name (case-insensitive), or -1.</summary>
    public int IndexOf(string field)
    {
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(this[i].Field, field, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return -1;
    }

    /// <summary>Removes every header with this name; returns true when one was removed.</summary>
    public bool Remove(string field) => RemoveAll(h => string.Equals(h.Field, field, StringComparison.OrdinalIgnoreCase)) > 0;

    /// <summary>The first value of a header, or null. Setting replaces the first value (or adds the header); setting null removes every header of that name.</summary>
    /// <exception cref="ArgumentException">The value holds CR, LF or NUL (the message names the header).</exception>
    public string? this[string field]
    {
        get
        {
            var i = IndexOf(field);
            return i < 0 ? null : this[i].Value;
        }
        set
        {
            if (value is null)
            {
                Remove(field);
                return;
            }
            var i = IndexOf(field);
            if (i < 0)
                Add(field, value);
            else
                this[i].Value = value;
        }
    }
}
