using System.Buffers;
using System.Text;
using CecopComms.Mail.Smtp;

namespace CecopComms.Mail.Net;

/// <summary>
/// The buffered wire under every <see cref="MailService"/>: commands are queued into one pooled output buffer and
/// leave in a single write on <see cref="FlushAsync"/> (so a pipelined batch is one packet); input is read into a
/// pooled buffer that the protocol's stream parses. Every read and write is bounded by <see cref="Timeout"/>.
/// </summary>
internal abstract class ProtocolStream : IDisposable
{
    private readonly int _maxInputSize;
    private byte[] _output;
    private int _outputCount;
    private CancellationTokenSource? _timeout;
    private bool _disposed;

    /// <param name="stream">The transport.</param>
    /// <param name="logger">Receives every byte both ways, or null.</param>
    /// <param name="timeout">Milliseconds per read or write; 0 or less means none.</param>
    /// <param name="outputSize">The output buffer's first size.</param>
    /// <param name="inputSize">The input buffer's first size.</param>
    /// <param name="maxInputSize">The longest line the protocol accepts.</param>
    private protected ProtocolStream(Stream stream, IProtocolLogger? logger, int timeout, int outputSize, int inputSize, int maxInputSize)
    {
        Stream = stream;
        Logger = logger;
        Timeout = timeout;
        _output = ArrayPool<byte>.Shared.Rent(outputSize);
        Input = ArrayPool<byte>.Shared.Rent(inputSize);
        _maxInputSize = maxInputSize;
    }

    /// <summary>The transport; replaced once by the TLS stream after STARTTLS (STLS in POP3).</summary>
    public Stream Stream { get; set; }

    /// <summary>Milliseconds each read or write may take; 0 or less means no limit.</summary>
    public int Timeout { get; set; }

    /// <summary>True when input already received has not been read (a server must send none before TLS begins).</summary>
    public bool HasBufferedInput => InputEnd > InputStart;

    /// <summary>Room left in the output buffer, for a writer to fill directly (SMTP's DATA filter).</summary>
    public Span<byte> OutputSpace => _output.AsSpan(_outputCount);

    private protected IProtocolLogger? Logger { get; }

    /// <summary>Input received; the unread part runs from <see cref="InputStart"/> to <see cref="InputEnd"/>.</summary>
    private protected byte[] Input { get; private set; }

    private protected int InputStart { get; set; }

    private protected int InputEnd { get; private set; }

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

    /// <summary>Marks bytes written into <see cref="OutputSpace"/> as queued.</summary>
    public void Advance(int count) => _outputCount += count;

    /// <summary>Writes out what is queued, in one write.</summary>
    /// <exception cref="IOException">Writing failed or timed out.</exception>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_outputCount == 0) return;
        Logger?.LogClient(_output, 0, _outputCount);
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
        Logger?.LogClient(_output, 0, _outputCount);
        Stream.Write(_output, 0, _outputCount);
        Stream.Flush();
        _outputCount = 0;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _timeout?.Dispose();
        ArrayPool<byte>.Shared.Return(_output);
        ArrayPool<byte>.Shared.Return(Input);
        _output = Input = [];
        Stream.Dispose();
    }

    /// <summary>The protocol's own exception for input that breaks it.</summary>
    private protected abstract Exception ProtocolError(string message);

    /// <summary>Reads more input after <see cref="InputEnd"/>, first moving the unread part to the start of the buffer.</summary>
    /// <param name="tooLong">What to say when a line does not fit in the largest buffer allowed.</param>
    /// <param name="waiting">What the client was doing, for a timeout ("waiting for the server").</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="IOException">Reading failed or timed out.</exception>
    private protected async ValueTask FillAsync(string tooLong, string waiting, CancellationToken cancellationToken)
    {
        if (InputStart > 0)
        {
            Buffer.BlockCopy(Input, InputStart, Input, 0, InputEnd - InputStart);
            InputEnd -= InputStart;
            InputStart = 0;
        }
        if (InputEnd == Input.Length)
        {
            if (Input.Length >= _maxInputSize) throw ProtocolError(tooLong);
            var larger = ArrayPool<byte>.Shared.Rent(Input.Length * 2);
            Buffer.BlockCopy(Input, 0, larger, 0, InputEnd);
            ArrayPool<byte>.Shared.Return(Input);
            Input = larger;
        }
        var token = Arm(cancellationToken, out var registration);
        int read;
        try
        {
            read = await Stream.ReadAsync(Input.AsMemory(InputEnd), token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(waiting);
        }
        finally
        {
            Disarm(registration);
        }
        if (read == 0) throw ProtocolError("The server closed the connection unexpectedly.");
        Logger?.LogServer(Input, InputEnd, read);
        InputEnd += read;
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
        // Only a long command or an IMAP literal gets here (SMTP message data goes through OutputSpace in slices).
        var larger = ArrayPool<byte>.Shared.Rent(_outputCount + needed);
        Buffer.BlockCopy(_output, 0, larger, 0, _outputCount);
        ArrayPool<byte>.Shared.Return(_output);
        _output = larger;
    }
}
