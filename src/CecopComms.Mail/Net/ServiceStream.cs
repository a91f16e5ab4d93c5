using CecopComms.Mail.Smtp;

namespace CecopComms.Mail.Net;

/// <summary>
/// The wire under <see cref="Pop3.Pop3Client"/> and <see cref="Imap.ImapClient"/>: a <see cref="ProtocolStream"/>
/// whose input is read as CRLF lines or as an exact number of bytes (IMAP literals).
/// </summary>
internal sealed class ServiceStream : ProtocolStream
{
    private const int OutputSize = 4 * 1024;
    private const int InputSize = 8 * 1024;

    /// <summary>A line longer than this is not a mail protocol any more (IMAP SEARCH results of 100,000 UIDs fit).</summary>
    private const int MaxLineLength = 1024 * 1024;

    private static readonly string TooLong = $"The server sent a line longer than {MaxLineLength} bytes.";

    private readonly Func<string, Exception> _protocolError;

    /// <param name="stream">The transport.</param>
    /// <param name="logger">Receives every byte both ways, or null.</param>
    /// <param name="timeout">Milliseconds per read or write; 0 or less means none.</param>
    /// <param name="protocolError">Makes the protocol's own exception for a stream that ended or a line too long.</param>
    public ServiceStream(Stream stream, IProtocolLogger? logger, int timeout, Func<string, Exception> protocolError)
        : base(stream, logger, timeout, OutputSize, InputSize, MaxLineLength)
    {
        _protocolError = protocolError;
    }

    /// <summary>Reads one line; the bytes exclude CRLF (or a bare LF) and stay valid until the next read.</summary>
    /// <exception cref="IOException">Reading failed or timed out.</exception>
    public async ValueTask<ArraySegment<byte>> ReadLineAsync(CancellationToken cancellationToken)
    {
        var scanned = 0; // bytes after InputStart already searched for LF
        while (true)
        {
            var newLine = Array.IndexOf(Input, (byte)'\n', InputStart + scanned, InputEnd - InputStart - scanned);
            if (newLine >= 0)
            {
                var end = newLine > InputStart && Input[newLine - 1] == '\r' ? newLine - 1 : newLine;
                var line = new ArraySegment<byte>(Input, InputStart, end - InputStart);
                InputStart = newLine + 1;
                return line;
            }
            scanned = InputEnd - InputStart;
            await FillAsync(TooLong, "waiting for the server", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Copies exactly <paramref name="count"/> bytes of input to <paramref name="destination"/> (an IMAP literal).</summary>
    /// <exception cref="IOException">Reading failed or timed out.</exception>
    public async ValueTask ReadExactlyAsync(Stream destination, long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (InputEnd == InputStart) await FillAsync(TooLong, "waiting for the server", cancellationToken).ConfigureAwait(false);
            var take = (int)Math.Min(count, InputEnd - InputStart);
            destination.Write(Input, InputStart, take);
            InputStart += take;
            count -= take;
        }
    }

    private protected override Exception ProtocolError(string message) => _protocolError(message);
}
