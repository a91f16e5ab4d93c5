namespace CecopComms.Mail.Mime;

/// <summary>One header field (mirrors MimeKit.Header).</summary>
public class Header
{
    private string value;

    /// <summary>Creates a header.</summary>
    /// <param name="field">The field name, e.g. <c>List-Unsubscribe</c>.</param>
    /// <param name="value">The unfolded value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="field"/> or <paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException">The field name is not a valid RFC 5322 name, or the value holds CR, LF or NUL (header injection).</exception>
    public Header(string field, string value)
    {
        ArgumentNullException.ThrowIfNull(field);
        HeaderSyntax.CheckFieldName(field);
        HeaderSyntax.CheckValue(field, value);
        Field = field;
        this.value = value;
    }

    /// <summary>The field name as given.</summary>
    public string Field { get; }

    /// <summary>The unfolded value; folding and encoding happen when the message is written.</summary>
    /// <exception cref="ArgumentException">The value holds CR, LF or NUL (header injection).</exception>
    public string Value
    {
        get => value;
        set
        {
            HeaderSyntax.CheckValue(Field, value);
            this.value = value;
            RawValue = null;
        }
    }

    /// <summary>
    /// Already folded text written verbatim after the colon (with CRLF line breaks), for headers whose
    /// exact bytes matter such as DKIM-Signature; null for ordinary headers.
    /// </summary>
    internal string? RawValue { get; private set; }

    /// <summary>Creates a header whose folded form is fixed (the caller guarantees it is well formed).</summary>
    internal static Header CreateRaw(string field, string unfoldedValue, string rawValue)
    {
        var header = new Header(field, unfoldedValue) { RawValue = rawValue };
        return header;
    }

    /// <inheritdoc/>
    public override string ToString() => Field + ": " + value;
}
