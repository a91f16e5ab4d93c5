using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace CecopComms.Delivery;

/// <summary>
/// Signs and verifies recipient tokens and bounce tags with HMAC-SHA256. A token is 35 bytes in URL-safe base64
/// (47 characters, so "unsubscribe+TOKEN" fits the 64 characters of an address's local part): purpose (1), subscriber
/// uuid (16), mailing id (8), then the first 10 bytes of the HMAC over those 25.
/// A token has exactly one accepted spelling, the one <see cref="Create"/> writes: URL-safe base64 without padding, no
/// other character, and no other spelling of the same bytes (the unused low bits of the last character are zero). A
/// lenient reader would let a used or revoked link work again with a space, a newline or an '=' added.
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
        Span<byte> bytes = stackalloc byte[PayloadLength + MacLength];
        if (!TryDecodeCanonical(text, bytes)) return false;
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, bytes[..PayloadLength], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..MacLength], bytes[PayloadLength..])) return false;
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
        Span<byte> bytes = stackalloc byte[ExpiringPayloadLength + MacLength];
        if (!TryDecodeCanonical(text, bytes)) return false;
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, bytes[..ExpiringPayloadLength], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..MacLength], bytes[ExpiringPayloadLength..])) return false;
        if (!Enum.IsDefined((TokenPurpose)bytes[0])) return false;
        token = new ExpiringToken((TokenPurpose)bytes[0], new Guid(bytes[1..17], bigEndian: true), BinaryPrimitives.ReadInt64BigEndian(bytes[17..25]),
            DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadUInt32BigEndian(bytes[25..29])));
        return true;
    }

    /// <summary>
    /// Fills <paramref name="bytes"/> from <paramref name="text"/> when the text is the one spelling Base64Url writes for
    /// that many bytes: the exact length, only [A-Za-z0-9_-] (no whitespace, '=', '+', '/' or '%'), and encoding the
    /// decoded bytes again gives back the same text.
    /// </summary>
    private static bool TryDecodeCanonical(string? text, Span<byte> bytes)
    {
        if (text is null || text.Length != Base64Url.GetEncodedLength(bytes.Length)) return false;
        foreach (var c in text)
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_') return false;
        try
        {
            if (!Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != bytes.Length) return false;
        }
        catch (FormatException)
        {
            // .NET refuses unused low bits that are not zero this way; the comparison below would refuse them too.
            return false;
        }
        Span<char> again = stackalloc char[text.Length];
        return Base64Url.TryEncodeToChars(bytes, again, out var length) && again[..length].SequenceEqual(text);
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
