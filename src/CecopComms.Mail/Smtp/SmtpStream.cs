using System.Text;
using CecopComms.Mail.Net;

namespace CecopComms.Mail.Smtp;

/// <summary>
/// The wire under <see cref="SmtpClient"/>: a <see cref="ProtocolStream"/> that parses SMTP replies; the DATA filter
/// writes message data straight into <see cref="ProtocolStream.OutputSpace"/>.
/// </summary>
internal sealed class SmtpStream : ProtocolStream
{
    private const int OutputSize = 32 * 1024;
    private const int InputSize = 4 * 1024;
    private const int MaxInputSize = 64 * 1024;

    private static readonly string TooLong = $"The server sent a reply line longer than {MaxInputSize} bytes.";

    public SmtpStream(Stream stream, IProtocolLogger? logger, int timeout)
        : base(stream, logger, timeout, OutputSize, InputSize, MaxInputSize)
    {
    }

    /// <summary>Reads one reply, joining the lines of a multi-line reply with '\n'.</summary>
    /// <exception cref="SmtpProtocolException">The stream ended or the reply is malformed.</exception>
    /// <exception cref="IOException">Reading failed or timed out.</exception>
    public async ValueTask<SmtpResponse> ReadResponseAsync(CancellationToken cancellationToken)
    {
        StringBuilder? lines = null;
        string? single = null;
        var code = -1;
        while (true)
        {
            var newLine = Array.IndexOf(Input, (byte)'\n', InputStart, InputEnd - InputStart);
            if (newLine < 0)
            {
                await FillAsync(TooLong, "waiting for the server's reply", cancellationToken).ConfigureAwait(false);
                continue;
            }
            var line = Input.AsSpan(InputStart, newLine - InputStart);
            InputStart = newLine + 1;
            if (!line.IsEmpty && line[^1] == '\r') line = line[..^1];

            var lineCode = ParseCode(line);
            if (lineCode < 0 || (code >= 0 && lineCode != code))
                throw new SmtpProtocolException($"The server sent something that is not an SMTP reply: \"{Printable(line)}\".");
            code = lineCode;
            var more = line.Length > 3 && line[3] == '-';
            var text = line.Length > 4 ? Encoding.UTF8.GetString(line[4..]) : "";
            if (single is null && lines is null && !more) return new SmtpResponse((SmtpStatusCode)code, text);
            if (single is null && lines is null) single = text;
            else
            {
                lines ??= new StringBuilder(single);
                lines.Append('\n').Append(text);
            }
            if (!more) return new SmtpResponse((SmtpStatusCode)code, lines?.ToString() ?? single!);
        }
    }

    private protected override Exception ProtocolError(string message) => new SmtpProtocolException(message);

    private static int ParseCode(ReadOnlySpan<byte> line)
    {
        if (line.Length < 3 || (line.Length > 3 && line[3] is not ((byte)' ' or (byte)'-'))) return -1;
        if (line[0] is < (byte)'2' or > (byte)'5' || !char.IsAsciiDigit((char)line[1]) || !char.IsAsciiDigit((char)line[2])) return -1;
        return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    }

    private static string Printable(ReadOnlySpan<byte> line) =>
        Encoding.ASCII.GetString(line.Length > 80 ? line[..80] : line);
}
