using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace CecopComms.Delivery;

/// <summary>
/// Signs and verifies recipient tokens and bounce tags with HMAC-SHA256. A token is 35 bytes in URL-safe base64
/// (47 characters, so "unsubscribe+TOKEN" fits the 64 characters of an address's local part): purpose (1), subscriber
/// uuid (16), mailing id (8), then the first 10 bytes of the HMAC over those 25.
/// </summary>
public sealed class TokenSigner
{
    private const int PayloadLength = 25;
    private const int MacLength = 10;
    private readonly byte[] _key;

    /// <exception cref="ArgumentException">The key is shorter than 32 bytes.</exception>
    public TokenSigner(byte[] key)
    {
        if (key.Length < 32) throw new ArgumentException("The token key must be 32 bytes or more.", nameof(key));
        _key = key.ToArray();
    }

    /// <summary>The URL- and address-safe text of a signed token.</summary>
    public string Create(RecipientToken token)
    {
        Span<byte> bytes = stackalloc byte[PayloadLength + MacLength];
        bytes[0] = (byte)token.Purpose;
        token.SubscriberUuid.TryWriteBytes(bytes[1..17], bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(bytes[17..25], token.MailingId);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, bytes[..PayloadLength], mac);
        mac[..MacLength].CopyTo(bytes[PayloadLength..]);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Reads a token; false when it is malformed, altered or signed with another key.</summary>
    public bool TryVerify(string? text, out RecipientToken? token)
    {
        token = null;
        if (string.IsNullOrEmpty(text) || text.Length > 64) return false;
        Span<byte> bytes = stackalloc byte[48];
        int written;
        try
        {
            if (!Base64Url.TryDecodeFromChars(text, bytes, out written) || written != PayloadLength + MacLength) return false;
        }
        catch (FormatException)
        {
            return false;
        }
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, bytes[..PayloadLength], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..MacLength], bytes[PayloadLength..written])) return false;
        if (!Enum.IsDefined((TokenPurpose)bytes[0])) return false;
        token = new RecipientToken((TokenPurpose)bytes[0], new Guid(bytes[1..17], bigEndian: true), BinaryPrimitives.ReadInt64BigEndian(bytes[17..25]));
        return true;
    }

    // An expiring token adds the expiry (4 bytes, Unix seconds, big-endian) after the mailing or subject id: 39 bytes,
    // 52 characters. Its length alone keeps it apart from a recipient token, and the HMAC covers the expiry.
    private const int ExpiringPayloadLength = PayloadLength + 4;

    /// <summary>The URL-safe text of a signed token that is refused after <see cref="ExpiringToken.ExpiresAt"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The expiry is before 1970 or after 2106.</exception>
    public string CreateExpiring(ExpiringToken token)
    {
        var seconds = token.ExpiresAt.ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(seconds, nameof(token));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seconds, uint.MaxValue, nameof(token));
        Span<byte> bytes = stackalloc byte[ExpiringPayloadLength + MacLength];
        bytes[0] = (byte)token.Purpose;
        token.SubscriberUuid.TryWriteBytes(bytes[1..17], bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(bytes[17..25], token.SubjectId);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[25..29], (uint)seconds);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, bytes[..ExpiringPayloadLength], mac);
        mac[..MacLength].CopyTo(bytes[ExpiringPayloadLength..]);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>
    /// Reads an expiring token; false when it is malformed, altered or signed with another key. An expired token still
    /// verifies (so a page can offer a fresh link): check <see cref="ExpiringToken.HasExpired"/>.
    /// </summary>
    public bool TryVerifyExpiring(string? text, out ExpiringToken? token)
    {
        token = null;
        if (string.IsNullOrEmpty(text) || text.Length > 64) return false;
        Span<byte> bytes = stackalloc byte[48];
        int written;
        try
        {
            if (!Base64Url.TryDecodeFromChars(text, bytes, out written) || written != ExpiringPayloadLength + MacLength) return false;
        }
        catch (FormatException)
        {
            return false;
        }
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, bytes[..ExpiringPayloadLength], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..MacLength], bytes[ExpiringPayloadLength..written])) return false;
        if (!Enum.IsDefined((TokenPurpose)bytes[0])) return false;
        token = new ExpiringToken((TokenPurpose)bytes[0], new Guid(bytes[1..17], bigEndian: true), BinaryPrimitives.ReadInt64BigEndian(bytes[17..25]),
            DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadUInt32BigEndian(bytes[25..29])));
        return true;
    }

    /// <summary>Length of a bounce tag: 40 bits of HMAC, short enough for a local part.</summary>
    public const int TagLength = 10;

    /// <summary>A short lower-case hex tag over <paramref name="text"/>, for bounce addresses (which mail systems may lower-case).</summary>
    public string Tag(string text)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, System.Text.Encoding.UTF8.GetBytes(text), mac);
        return Convert.ToHexStringLower(mac)[..TagLength];
    }

    /// <summary>Whether <paramref name="tag"/> is the tag of <paramref name="text"/>, in constant time. Only a tag of the issued
    /// length counts: a shorter one would be easier to forge.</summary>
    public bool CheckTag(string text, string tag) =>
        tag.Length == TagLength
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Tag(text)), System.Text.Encoding.ASCII.GetBytes(tag.ToLowerInvariant()));
}
