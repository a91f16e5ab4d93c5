using System.Security.Cryptography;

namespace CecopComms.Mail.Mime;

/// <summary>Message-Id, Content-Id and boundary generation (mirrors MimeKit.Utils.MimeUtils).</summary>
public static class MimeUtils
{
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    private static volatile string messageIdDomain = "localhost.localdomain";

    /// <summary>The domain of generated Message-Ids and Content-Ids; set once at start-up to the sending domain.</summary>
    /// <exception cref="ArgumentException">The value is not a valid domain.</exception>
    public static string MessageIdDomain
    {
        get => messageIdDomain;
        set => messageIdDomain = CheckDomain(value);
    }

    /// <summary>A unique id (without angle brackets) in <see cref="MessageIdDomain"/>.</summary>
    public static string GenerateMessageId() => Unique() + "@" + messageIdDomain;

    /// <summary>A unique id (without angle brackets) in <paramref name="domain"/>; an IDN domain is written in punycode.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="domain"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="domain"/> is not a valid domain.</exception>
    public static string GenerateMessageId(string domain) => Unique() + "@" + CheckDomain(domain);

    /// <summary>A random boundary: <c>=-</c> cannot occur in quoted-printable or base64 output, so it never collides with encoded content.</summary>
    public static string GenerateBoundary()
    {
        Span<byte> random = stackalloc byte[18];
        RandomNumberGenerator.Fill(random);
        return "=-" + Convert.ToBase64String(random);
    }

    /// <summary>130 random bits in base32: unique without a clock or a counter.</summary>
    private static string Unique()
    {
        Span<byte> random = stackalloc byte[26];
        RandomNumberGenerator.Fill(random);
        Span<char> chars = stackalloc char[26];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = Base32[random[i] & 31];
        return new string(chars);
    }

    private static string CheckDomain(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var reason = AddressParser.CheckDomain(domain);
        if (reason is not null)
            throw new ArgumentException($"Invalid Message-Id domain: {reason}.", nameof(domain));
        return MailboxAddress.DomainToAscii(domain);
    }
}
