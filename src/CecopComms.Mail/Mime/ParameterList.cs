namespace CecopComms.Mail.Mime;

/// <summary>The parameters of a Content-Type or Content-Disposition, names case-insensitive (mirrors MimeKit.ParameterList).</summary>
public class ParameterList : List<Parameter>
{
    /// <summary>Adds a parameter.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The name is not a token or the value holds CR, LF or NUL.</exception>
    public void Add(string name, string value) => Add(new Parameter(name, value));

    /// <summary>The value of a parameter, or null; setting null removes it.</summary>
    /// <exception cref="ArgumentException">The value holds CR, LF or NUL.</exception>
    public string? this[string name]
    {
        get => Find(name)?.Value;
        set
        {
            if (value is null)
            {
                RemoveAll(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
                return;
            }
            var existing = Find(name);
            if (existing is null)
                Add(name, value);
            else
                existing.Value = value;
        }
    }

    private Parameter? Find(string name) => Find(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
