namespace CecopComms.Mail.Mime;

/// <summary>A single mailbox, e.g. <c>"Ana López" &lt;ana@example.coop&gt;</c> (mirrors MimeKit.MailboxAddress).</summary>
public class MailboxAddress : InternetAddress
{
    /// <summary>Creates a mailbox; throws <see cref="ParseException"/> when the address is invalid.</summary>
    public MailboxAddress(string? name, string address) => throw new NotImplementedException("contract");

    /// <summary>The addr-spec as given (Unicode domain kept).</summary>
    public string Address { get; set; } = "";

    /// <summary>Local part (before the last '@').</summary>
    public string LocalPart => throw new NotImplementedException("contract");

    /// <summary>Domain (after the last '@').</summary>
    public string Domain => throw new NotImplementedException("contract");

    /// <summary>True when the local part or the domain holds non-ASCII characters.</summary>
    public bool IsInternational => throw new NotImplementedException("contract");

    /// <summary>The address for the wire: with <paramref name="idnEncode"/> the domain is punycode (xn--…).</summary>
    public string GetAddress(bool idnEncode) => throw new NotImplementedException("contract");

    /// <summary>Parses one mailbox; throws <see cref="ParseException"/> with the reason.</summary>
    public static MailboxAddress Parse(string text) => throw new NotImplementedException("contract");

    /// <summary>Parses one mailbox without throwing.</summary>
    public static bool TryParse(string text, out MailboxAddress? mailbox) => throw new NotImplementedException("contract");
}
