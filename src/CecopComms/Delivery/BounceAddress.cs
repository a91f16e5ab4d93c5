using System.Globalization;

namespace CecopComms.Delivery;

/// <summary>
/// The per-recipient envelope sender (VERP): bounce+MAILING.SUBSCRIBER.TAG@BounceDomain, where TAG is an HMAC over
/// the two ids, so a bounce report names its mailing and subscriber and cannot be forged to bounce someone else.
/// The same "MAILING.SUBSCRIBER.TAG" travels in the X-Cecop-Recipient header.
/// </summary>
public sealed class BounceAddress(TokenSigner signer, string bounceDomain)
{
    public const string Prefix = "bounce+";

    /// <summary>"12.3456.0a1b2c3d4e": mailing id (0 for a test copy), subscriber id, tag.</summary>
    public string Tag(long mailingId, long subscriberId)
    {
        var ids = string.Create(CultureInfo.InvariantCulture, $"{mailingId}.{subscriberId}");
        return ids + "." + signer.Tag(ids);
    }

    /// <summary>The envelope sender for this recipient of this mailing.</summary>
    public string For(long mailingId, long subscriberId) => Prefix + Tag(mailingId, subscriberId) + "@" + bounceDomain;

    /// <summary>Reads a bounce address or an X-Cecop-Recipient value; false when it is not one of ours or was altered.</summary>
    public bool TryParse(string text, out long mailingId, out long subscriberId)
    {
        mailingId = subscriberId = 0;
        var value = text.Trim().Trim('<', '>');
        var at = value.LastIndexOf('@');
        if (at >= 0) value = value[..at];
        if (value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) value = value[Prefix.Length..];
        var parts = value.Split('.');
        if (parts.Length != 3
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            || !signer.CheckTag(parts[0] + "." + parts[1], parts[2]))
            return false;
        (mailingId, subscriberId) = (m, s);
        return true;
    }
}
