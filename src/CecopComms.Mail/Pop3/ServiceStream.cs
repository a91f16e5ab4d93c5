using System.Buffers;
using System.Text;
using CecopComms.Mail.Smtp;

namespace CecopComms.Mail.Pop3;

/// <summary>
/// The buffered wire under <see cref="Pop3Client"/> and <see cref="Imap.ImapClient"/> (the SMTP client has its own,
/// tuned for pipelined DATA): commands are queued and leave in one write on <see cref="FlushAsync"/>; input is read
/// as CRLF lines or as an exact number of bytes (IMAP literals). Every read and write is bounded by <see cref="Timeout"/>.
/// </summary>
internal sealed class ServiceStream : IDisposable
{
    private const int InitialSize = 8 * 1024;

    /// <summary>A line longer than this is not a mail protocol any more (IMAP SEARCH results of 100,000 UIDs fit).</summary>
    private const int MaxLineLength = 1024 * 1024;

    private readonly IProtocolLogger? _logger;
    private readonly Func<string, Exception> _protocolError;
    private readonly ArrayBufferWriter<byte> _output = new(1024);
    private byte[] _input = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _inputStart;
    private int _inputEnd;
    private bool _disposed;

    /// <param name="stream">The transport.</param>
    /// <param name="logger">Receives every byte both ways, or null.</param>
    /// <param name="timeout">Milliseconds per read or write; 0 or less means none.</param>
    /// <param name="protocolError">Makes the protocol's own exception for a stream that ended or a line too long.</param>
    public ServiceStream(Stream stream, IProtocolLogger? logger, int timeout, Func<string, Exception> protocolError)
    {
        Stream = stream;
        _logger = logger;
        Timeout = timeout;
        _protocolError = protocolError;
    }

    /// <summary>The transport; replaced once by the TLS stream after STLS/STARTTLS.</summary>
    public Stream Stream { get; set; }

    /// <summary>Milliseconds each read or write may take; 0 or less means no limit.</summary>
    public int Timeout { get; set; }

    /// <summary>True when input already received has not been read (a server must send none before TLS begins).</summary>
    public bool HasBufferedInput => _inputEnd > _inputStart;

    /// <summary>Queues a command's text as UTF-8.</summary>
    public void Queue(string text) => Encoding.UTF8.GetBytes(text, _output);

    /// <summary>Queues raw bytes (an IMAP literal).</summary>
    public void Queue(ReadOnlySpan<byte> bytes) => _output.Write(bytes);

    /// <summary>Writes out what is queued, in one write.</summary>
    /// <exception cref="IOException">Writing failed or timed out.</exception>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_output.WrittenCount == 0) return;
        var bytes = _output.WrittenMemory;
        if (_logger is not null)
        {
            var copy = bytes.ToArray();
            _logger.LogClient(copy, 0, copy.Length);
        }
        using var timeout = Arm(cancellationToken);
        try
        {
            await Stream.WriteAsync(bytes, timeout.Token).ConfigureAwait(false);
            await Stream.FlushAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut("writing");
        }
        _output.ResetWrittenCount();
    }

    /// <summary>Reads one line; the bytes exclude CRLF (or a bare LF) and stay valid until the next read.</summary>
    /// <exception cref="IOException">Reading failed or timed out.</exception>
    public async ValueTask<ArraySegment<byte>> ReadLineAsync(CancellationToken cancellationToken)
    {
        var scanned = 0; // bytes after _inputStart already searched for LF
        while (true)
        {
            var newLine = Array.IndexOf(_input, (byte)'\n', _inputStart + scanned, _inputEnd - _inputStart - scanned);
            if (newLine >= 0)
            {
                var end = newLine > _inputStart && _input[newLine - 1] == '\r' ? newLine - 1 : newLine;
                var line = new ArraySegment<byte>(_input, _inputStart, end - _inputStart);
                _inputStart = newLine + 1;
                return line;
            }
            scanned = _inputEnd - _inputStart;
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Copies exactly <paramref name="count"/> bytes of input to <paramref name="destination"/> (an IMAP literal).</summary>
    /// <exception cref="IOException">Reading failed or timed out.</exception>
    public async ValueTask ReadExactlyAsync(Stream destination, long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (_inputEnd == _inputStart) await FillAsync(cancellationToken).ConfigureAwait(false);
            var take = (int)Math.Min(count, _inputEnd - _inputStart);
            destination.Write(_input, _inputStart, take);
            _inputStart += take;
            count -= take;
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        ArrayPool<byte>.Shared.Return(_input);
        _input = [];
        Stream.Dispose();
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_inputStart > 0)
        {
            Buffer.BlockCopy(_input, _inputStart, _input, 0, _inputEnd - _inputStart);
            _inputEnd -= _inputStart;
            _inputStart = 0;
        }
        if (_inputEnd == _input.Length)
        {
            if (_input.Length >= MaxLineLength) throw _protocolError($"The server sent a line longer than {MaxLineLength} bytes.");
            var larger = ArrayPool<byte>.Shared.Rent(_input.Length * 2);
            Buffer.BlockCopy(_input, 0, larger, 0, _inputEnd);
            ArrayPool<byte>.Shared.Return(_input);
            _input = larger;
        }
        using var timeout = Arm(cancellationToken);
        int read;
        try
        {
            read = await Stream.ReadAsync(_input.AsMemory(_inputEnd), timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut("waiting for the server");
        }
        if (read == 0) throw _protocolError("The server closed the connection unexpectedly.");
        _logger?.LogServer(_input, _inputEnd, read);
        _inputEnd += read;
    }

    // A bounce mailbox sees a few commands a minute, so a linked source per operation is cheap enough and simple.
    private CancellationTokenSource Arm(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (Timeout > 0) source.CancelAfter(Timeout);
        return source;
    }

    private IOException TimedOut(string doing) => new($"Timed out after {Timeout} ms {doing}.", new TimeoutException());
}
