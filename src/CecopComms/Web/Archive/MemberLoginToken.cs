using CecopComms.Delivery;

namespace CecopComms.Web.Archive;

/// <summary>
/// The magic link's token: an expiring token (see <see cref="TokenSigner.CreateExpiring"/>) signed for
/// <see cref="TokenPurpose.MemberLogin"/>, valid for <see cref="Lifetime"/>. Single use is kept by <see cref="MemberLogin"/>.
/// </summary>
public sealed class MemberLoginToken(TokenSigner signer, TimeProvider time)
{
    /// <summary>How long a magic link can be used.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>A new token for <paramref name="subscriberUuid"/>, valid from now for <see cref="Lifetime"/>.</summary>
    public string Create(Guid subscriberUuid) =>
        signer.CreateExpiring(new ExpiringToken(TokenPurpose.MemberLogin, subscriberUuid, 0, time.GetUtcNow() + Lifetime));

    /// <summary>Reads a token: false when it is forged, altered, for another purpose, or expired.</summary>
    public bool TryRead(string? text, out Guid subscriberUuid, out DateTimeOffset expiresAt)
    {
        subscriberUuid = Guid.Empty;
        expiresAt = default;
        if (!signer.TryVerifyExpiring(text, out var token) || token!.Purpose != TokenPurpose.MemberLogin || token.HasExpired(time.GetUtcNow())) return false;
        subscriberUuid = token.SubscriberUuid;
        expiresAt = token.ExpiresAt;
        return true;
    }
}
