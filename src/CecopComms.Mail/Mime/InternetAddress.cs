namespace CecopComms.Mail.Mime;

/// <summary>A mailbox or a group in an address header (mirrors MimeKit.InternetAddress).</summary>
public abstract class InternetAddress
{
    /// <summary>Display name, may be null.</summary>
    public string? Name { get; set; }

    /// <summary>Renders the address for display (not for the wire).</summary>
    public override string ToString() => throw new NotImplementedException("contract: MIME helper implements");
}
