namespace CecopComms.Mail.Dkim;

/// <summary>A DKIM signature algorithm (mirrors MimeKit.Cryptography.DkimSignatureAlgorithm).</summary>
public enum DkimSignatureAlgorithm
{
    /// <summary>rsa-sha1: forbidden for signers by RFC 8301, listed only to mirror MimeKit; refused.</summary>
    RsaSha1,

    /// <summary>rsa-sha256.</summary>
    RsaSha256,
}
