namespace CecopComms.Delivery;

/// <summary>DKIM signing of every message: on when Domain, Selector and a key (KeyPath or PrivateKey) are set.</summary>
public sealed class DkimOptions
{
    /// <summary>The signing domain (d=).</summary>
    public string? Domain { get; set; }

    /// <summary>The selector (s=): the public key is published at SELECTOR._domainkey.DOMAIN.</summary>
    public string? Selector { get; set; }

    /// <summary>The PEM private key file, relative to the working directory.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The PEM private key itself, as the settings page keeps it in the database; wins over <see cref="KeyPath"/>.</summary>
    public string? PrivateKey { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Domain) && !string.IsNullOrWhiteSpace(Selector)
        && (!string.IsNullOrWhiteSpace(KeyPath) || !string.IsNullOrWhiteSpace(PrivateKey));
}
