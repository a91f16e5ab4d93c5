namespace CecopComms.Mail.Mime;

/// <summary>A parameter of Content-Type or Content-Disposition, e.g. <c>charset=utf-8</c> (mirrors MimeKit.Parameter).</summary>
public class Parameter
{
    private string value;

    /// <summary>Creates a parameter.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException">The name is not an RFC 2045 token, or the value holds CR, LF or NUL.</exception>
    public Parameter(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!MimeToken.IsToken(name))
            throw new ArgumentException($"The parameter name '{name}' is not a MIME token.", nameof(name));
        HeaderSyntax.CheckValue("parameter " + name, value);
        Name = name;
        this.value = value;
    }

    /// <summary>The parameter name.</summary>
    public string Name { get; }

    /// <summary>The decoded value; RFC 2231 encoding happens when written.</summary>
    /// <exception cref="ArgumentException">The value holds CR, LF or NUL.</exception>
    public string Value
    {
        get => value;
        set
        {
            HeaderSyntax.CheckValue("parameter " + Name, value);
            this.value = value;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Name + "=" + (MimeToken.IsToken(value) ? value : Phrase.Quote(value));
}
