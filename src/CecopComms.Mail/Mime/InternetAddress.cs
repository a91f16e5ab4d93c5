namespace CecopComms.Mail.Mime;

/// <summary>A mailbox or a group in an address header (mirrors MimeKit.InternetAddress).</summary>
public abstract class InternetAddress
{
    private string? name;

    /// <summary>Display name, may be null.</summary>
    /// <exception cref="ArgumentException">The name holds CR, LF or NUL (header injection).</exception>
    public string? Name
    {
        get => name;
        set
        {
            if (value is not null && value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
                throw new ArgumentException("The display name of an address (From, To, Cc, Reply-To, Sender) holds CR, LF or NUL; refused to prevent header injection.", nameof(value));
            name = value;
        }
    }

    /// <summary>Renders the address for display (not for the wire): Unicode, quoted where RFC 5322 needs it.</summary>
    public override string ToString()
    {
        var sb = new System.Text.StringBuilder();
        AppendDisplay(sb);
        return sb.ToString();
    }

    internal abstract void AppendDisplay(System.Text.StringBuilder sb);

    /// <summary>Writes the address as header tokens.</summary>
    internal abstract void Format(HeaderFolder folder);
}
