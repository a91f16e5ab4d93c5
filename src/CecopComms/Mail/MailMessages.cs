using System.Security.Cryptography;
using MimeKit;

namespace CecopComms.Mail;

/// <summary>
/// How the application makes and writes MimeKit messages: dates and Message-IDs from the injected clock, CRLF line ends
/// on the wire and in files alike (MimeKit's default follows the platform, LF on Linux).
/// </summary>
public static class MailMessages
{
    private const string Base36 = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>Formatting for SMTP and for .eml files: CRLF, header values folded at 78.</summary>
    public static FormatOptions Crlf { get; } = CreateCrlf();

    /// <summary>
    /// An empty message dated by <paramref name="time"/> with a Message-ID in <paramref name="messageIdDomain"/>.
    /// (MimeKit's parameterless constructor dates by the machine's clock and names the host in the ID; this one does neither.)
    /// </summary>
    public static MimeMessage Create(TimeProvider time, string messageIdDomain)
    {
        var message = new MimeMessage(new HeaderList())
        {
            Date = time.GetUtcNow(),
            MessageId = MessageId(time, messageIdDomain),
            MimeVersion = new Version(1, 0),
        };
        return message;
    }

    /// <summary>A unique Message-ID (without brackets): the clock's ticks and 64 random bits in base 36, at the domain.</summary>
    /// <exception cref="ArgumentException">The domain is empty.</exception>
    public static string MessageId(TimeProvider time, string domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        Span<char> buffer = stackalloc char[32];
        var length = 0;
        Append(buffer, ref length, (ulong)time.GetUtcNow().UtcTicks);
        buffer[length++] = '.';
        Append(buffer, ref length, BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)));
        return string.Concat(buffer[..length], "@", domain.Trim());

        static void Append(Span<char> into, ref int at, ulong value)
        {
            do
            {
                into[at++] = Base36[(int)(value % 36)];
                value /= 36;
            }
            while (value != 0);
        }
    }

    private static FormatOptions CreateCrlf()
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        return options;
    }
}
