namespace CecopComms.Mail.Dkim;

/// <summary>A DKIM canonicalization algorithm (RFC 6376 §3.4; mirrors MimeKit.Cryptography.DkimCanonicalizationAlgorithm).</summary>
public enum DkimCanonicalizationAlgorithm
{
    /// <summary>Bytes as they are, but for trailing empty body lines.</summary>
    Simple,

    /// <summary>Whitespace runs collapsed, header names lower-cased, unfolded: survives relays that rewrap.</summary>
    Relaxed,
}
