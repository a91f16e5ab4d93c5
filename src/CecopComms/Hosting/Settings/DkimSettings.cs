namespace CecopComms.Hosting.Settings;

/// <summary>The "dkim" section: domain, selector and, when given on the page, the PEM private key (a secret).</summary>
public sealed class DkimSettings
{
    public string Domain { get; set; } = "";
    public string Selector { get; set; } = "";

    /// <summary>The PEM private key; null keeps Delivery:Dkim:KeyPath of the files.</summary>
    public string? PrivateKey { get; set; }
}
