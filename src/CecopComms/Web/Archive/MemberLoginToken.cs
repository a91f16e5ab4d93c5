using System.Security.Cryptography;
using System.Text;
using CecopComms.Delivery;

namespace CecopComms.Web.Archive;

/// <summary>
/// The magic link's token: an expiring token (see <see cref="TokenSigner.CreateExpiring"/>) signed for
/// <see cref="TokenPurpose.MemberLogin"/>, valid for <see cref="Lifetime"/>. Single use is kept by <see cref="MemberLogin"/>,
/// on <see cref="UseKey"/>.
/// </summary>
public sealed class MemberLoginToken(TokenSigner signer, TimeProvider time)
{
    /// <summary>How long a magic link can be used.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>A new token for <paramref name="subscriberUuid"/>, valid from now for <see cref="Lifetime"/>.</summary>
    public string Create(Guid subscriberUuid) =>
        signer.CreateExpiring(new ExpiringToken(TokenPurpose.MemberLogin, subscriberUuid, 0, time.GetUtcNow() + Lifetime));

    /// <summary>Reads a token: false when it is forged, altered, for another purpose, or expired.</summary>
    public bool TryRead(string? text, out ExpiringToken token)
    {
        token = null!;
        if (!signer.TryVerifyExpiring(text, out var read) || read!.Purpose != TokenPurpose.MemberLogin || read.HasExpired(time.GetUtcNow())) return false;
        token = read;
        return true;
    }

    /// <summary>
    /// What marks a token used: the SHA-256 (lower-case hex) of the token rebuilt from what it says, not of the text that
    /// came in, so no other spelling of the same token can count as a new one. Only the hash is stored: a copy of the
    /// database holds no token that could still be used.
    /// </summary>
    public string UseKey(ExpiringToken token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(signer.CreateExpiring(token))));
}
