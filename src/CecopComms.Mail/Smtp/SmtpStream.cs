using System.Buffers;
using System.Text;

namespace CecopComms.Mail.Smtp;

/// <summary>
/// The buffered wire under <see cref="SmtpClient"/>: commands are queued into one pooled output buffer and leave in
/// a single write on <see cref="FlushAsync"/> (so a pipelined batch is one packet); replies are parsed from a pooled
/// input buffer. Every read and write is bounded by <see cref="Timeout"/>.
/// </summary>
internal sealed class SmtpStream : IDisposable
{
    private const int OutputSize = 32 * 1024;
    private const int InputSize = 4 * 1024;
    private const int MaxInputSize = 64 * 1024;

    private readonly IProtocolLogger? _logger;
    private byte[] _output = ArrayPool<byte>.Shared.Rent(OutputSize);
    private byte[] _input = ArrayPool<byte>.Shared.Rent(InputSize);
    private int _outputCount;
    private int _inputStart;
    private int _inputEnd;
    private CancellationTokenSource? _timeout;
    private bool _disposed;

    public SmtpStream(Stream stream, IProtocolLogger? logger, int timeout)
    {
        Stream = stream;
        _logger = logger;
        Timeout = timeout;
    }

    /// <summary>The transport; replaced once by the TLS stream after STARTTLS.</summary>
    public Stream Stream { get; set; }

    /// <summary>Milliseconds each read or write may take; 0 or less means no limit.</summary>
    public int Timeout { get; set; }

    /// <summary>True when replies already received have not been read (a server must not send any before STARTTLS's TLS).</summary>
    public bool HasBufferedInput => _inputEnd > _inputStart;

    /// <summary>Queues text (commands, never message data) as UTF-8.</summary>
    public void Queue(string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_output.Length - _outputCount < max) Grow(max);
        _outputCount += Encoding.UTF8.GetBytes(text, _output.AsSpan(_outputCount));
    }

    /// <summary>Queues raw bytes.</summary>
    public void Queue(ReadOnlySpan<byte> bytes)
    {
        if (_output.Length - _outputCount < bytes.Length) Grow(bytes.Length);
        bytes.CopyTo(_output.AsSpan(_outputCount));
        _outputCount += bytes.Length;
    }

    /// <summary>Room left in the output buffer, for the DATA filter to write into directly.</summary>
    public Span<byte> OutputSpace => _output.AsSpan(_outputCount);

    /// <summary>Marks bytes written into <see cref="OutputSpace"/> as queued.</summary>
    public void Advance(int count) => _outputCount += count;

    /// <summary>Writes out what is queued, in one write.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_outputCount == 0) return;
        _logger?.LogClient(_output, 0, _outputCount);
        var token = Arm(cancellationToken, out var registration);
        try
        {
            await Stream.WriteAsync(_output.AsMemory(0, _outputCount), token).ConfigureAwait(false);
            await Stream.FlushAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut("writing");
        }
        finally
        {
            Disarm(registration);
        }
        _outputCount = 0;
    }

    /// <summary>Writes out what is queued, synchronously (for a message writer that writes synchronously); the socket's own send timeout applies.</summary>
    public void Flush()
    {
        if (_outputCount == 0) return;
        _logger?.LogClient(_output, 0, _outputCount);
        Stream.Write(_output, 0, _outputCount);
        Stream.Flush();
        _outputCount = 0;
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
            var newLine = Array.IndexOf(_input, (byte)'\n', _inputStart, _inputEnd - _inputStart);
            if (newLine < 0)
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }
            var line = _input.AsSpan(_inputStart, newLine - _inputStart);
            _inputStart = newLine + 1;
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

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _timeout?.Dispose();
        ArrayPool<byte>.Shared.Return(_output);
        ArrayPool<byte>.Shared.Return(_input);
        _output = _input = [];
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
            if (_input.Length >= MaxInputSize) throw new SmtpProtocolException($"The server sent a reply line longer than {MaxInputSize} bytes.");
            var larger = ArrayPool<byte>.Shared.Rent(_input.Length * 2);
            Buffer.BlockCopy(_input, 0, larger, 0, _inputEnd);
            ArrayPool<byte>.Shared.Return(_input);
            _input = larger;
        }
        var token = Arm(cancellationToken, out var registration);
        int read;
        try
        {
            read = await Stream.ReadAsync(_input.AsMemory(_inputEnd), token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut("waiting for the server's reply");
        }
        finally
        {
            Disarm(registration);
        }
        if (read == 0) throw new SmtpProtocolException("The server closed the connection unexpectedly.");
        _logger?.LogServer(_input, _inputEnd, read);
        _inputEnd += read;
    }

    // One timer reused for every operation: a linked token source per read would allocate thousands a second.
    private CancellationToken Arm(CancellationToken cancellationToken, out CancellationTokenRegistration registration)
    {
        registration = default;
        if (Timeout <= 0) return cancellationToken;
        _timeout ??= new CancellationTokenSource();
        _timeout.CancelAfter(Timeout);
        if (cancellationToken.CanBeCanceled)
            registration = cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _timeout);
        return _timeout.Token;
    }

    private void Disarm(CancellationTokenRegistration registration)
    {
        registration.Dispose();
        if (_timeout is not null && !_timeout.TryReset())
        {
            _timeout.Dispose();
            _timeout = null;
        }
    }

    private IOException TimedOut(string doing) =>
        new($"Timed out after {Timeout} ms {doing}.", new TimeoutException());

    private void Grow(int needed)
    {
        // Only a very long command can get here (message data goes through OutputSpace in slices).
        var larger = ArrayPool<byte>.Shared.Rent(_outputCount + needed);
        Buffer.BlockCopy(_output, 0, larger, 0, _outputCount);
        ArrayPool<byte>.Shared.Return(_output);
        _output = larger;
    }

    private static int ParseCode(ReadOnlySpan<byte> line)
    {
        if (line.Length < 3 || (line.Length > 3 && line[3] is not ((byte)' ' or (byte)'-'))) return -1;
        if (line[0] is < (byte)'2' or > (byte)'5' || !char.IsAsciiDigit((char)line[1]) || !char.IsAsciiDigit((char)line[2])) return -1;
        return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    }

    private static string Printable(ReadOnlySpan<byte> line) =>
        Encoding.ASCII.GetString(line.Length > 80 ? line[..80] : line);
}
