using System.Globalization;
using System.Text;

namespace CecopComms.Mail.Mime;

/// <summary>A single mailbox, e.g. <c>"Ana López" &lt;ana@example.coop&gt;</c> (mirrors MimeKit.MailboxAddress).</summary>
public class MailboxAddress : InternetAddress
{
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    private string address = "";
    private int at;

    /// <summary>Creates a mailbox.</summary>
    /// <param name="name">The display name, or null.</param>
    /// <param name="address">An addr-spec such as <c>ana@example.coop</c> or <c>"john doe"@example.org</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> holds CR, LF or NUL.</exception>
    /// <exception cref="ParseException">The address is invalid; the message says why.</exception>
    public MailboxAddress(string? name, string address)
    {
        Name = name;
        Address = address;
    }

    /// <summary>The addr-spec as given (Unicode domain kept), with the local part quoted only where RFC 5322 needs it.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ParseException">The address is invalid; the message says why.</exception>
    public string Address
    {
        get => address;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            var parser = new AddressParser(value);
            var error = parser.ParseAddrSpecOnly(out var canonical, out var atIndex);
            if (error is not null)
                throw error;
            address = canonical;
            at = atIndex;
        }
    }

    /// <summary>Local part (before the last '@'), quoted if it needs quotes.</summary>
    public string LocalPart => address[..at];

    /// <summary>Domain (after the last '@').</summary>
    public string Domain => address[(at + 1)..];

    /// <summary>True when the local part or the domain holds non-ASCII characters.</summary>
    public bool IsInternational => !Ascii.IsValid(address);

    /// <summary>The address for the wire: with <paramref name="idnEncode"/> the domain is punycode (xn--…), without it Unicode.</summary>
    public string GetAddress(bool idnEncode)
    {
        var domain = Domain;
        if (domain.StartsWith('['))
            return address;
        var converted = idnEncode ? DomainToAscii(domain) : DomainToUnicode(domain);
        return ReferenceEquals(converted, domain) ? address : string.Concat(LocalPart, "@", converted);
    }

    /// <summary>Parses one mailbox: <c>Name &lt;addr&gt;</c>, <c>"Quoted, Name" &lt;addr&gt;</c> or a bare addr-spec; encoded words in the name are decoded.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ParseException">The text is not one valid mailbox; the message says why.</exception>
    public static MailboxAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = new AddressParser(text).ParseSingleMailbox(out var mailbox);
        if (error is not null)
            throw error;
        return mailbox!;
    }

    /// <summary>Parses one mailbox without throwing.</summary>
    public static bool TryParse(string text, out MailboxAddress? mailbox)
    {
        mailbox = null;
        if (text is null)
            return false;
        if (new AddressParser(text).ParseSingleMailbox(out var parsed) is not null)
            return false;
        mailbox = parsed;
        return true;
    }

    /// <summary>Builds a mailbox from parts already validated by the parser.</summary>
    internal static MailboxAddress FromValidated(string? name, string canonical, int atIndex) => new(name, canonical, atIndex);

    private MailboxAddress(string? name, string canonical, int atIndex)
    {
        Name = name;
        address = canonical;
        at = atIndex;
    }

    internal static string DomainToAscii(string domain)
    {
        if (Ascii.IsValid(domain))
            return domain;
        return Idn.GetAscii(domain);
    }

    private static string DomainToUnicode(string domain)
    {
        if (!domain.Contains("xn--", StringComparison.OrdinalIgnoreCase))
            return domain;
        try
        {
            return Idn.GetUnicode(domain);
        }
        catch (ArgumentException)
        {
            return domain;
        }
    }

    internal override void AppendDisplay(StringBuilder sb)
    {
        if (string.IsNullOrEmpty(Name))
        {
            sb.Append(address);
            return;
        }
        sb.Append(Phrase.QuoteIfNeeded(Name)).Append(" <").Append(address).Append('>');
    }

    internal override void Format(HeaderFolder folder)
    {
        var wire = folder.International ? GetAddress(false) : GetAddress(true);
        if (string.IsNullOrEmpty(Name))
        {
            folder.Token(wire);
            return;
        }
        folder.WritePhrase(Name);
        folder.Token(string.Concat("<", wire, ">"));
    }
}
