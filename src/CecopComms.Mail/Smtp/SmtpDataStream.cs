namespace CecopComms.Mail.Smtp;

/// <summary>
/// The message as it goes out after DATA: a write-only stream that dot-stuffs (a line starting with '.' gets a
/// second '.'), turns bare LF or CR into CRLF, and on <see cref="CompleteAsync"/> ends the last line and adds the
/// terminating ".". It writes straight into the connection's output buffer, so the message is never copied whole.
/// One instance per client, reused for every message.
/// </summary>
internal sealed class SmtpDataStream : Stream
{
    // Enough room that a slice of input always fits: each byte can become two, plus a pending LF.
    private const int MinimumSpace = 1024;
    private static ReadOnlySpan<byte> EndOfData => ".\r\n"u8;

    private SmtpStream? _smtp;
    private bool _atLineStart;
    private bool _pendingCr;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Starts a message on the given connection.</summary>
    public void Begin(SmtpStream smtp)
    {
        _smtp = smtp;
        _atLineStart = true;
        _pendingCr = false;
    }

    /// <summary>Ends the last line if the message did not, then queues ".CRLF".</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        var smtp = Smtp;
        if (smtp.OutputSpace.Length < MinimumSpace) await smtp.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (_pendingCr) smtp.Queue("\n"u8);
        else if (!_atLineStart) smtp.Queue("\r\n"u8);
        smtp.Queue(EndOfData);
        _smtp = null;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            if (Smtp.OutputSpace.Length < MinimumSpace) Smtp.Flush();
            buffer = buffer[StuffSlice(buffer)..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            if (Smtp.OutputSpace.Length < MinimumSpace) await Smtp.FlushAsync(cancellationToken).ConfigureAwait(false);
            buffer = buffer[StuffSlice(buffer.Span)..];
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    // The connection flushes when it must; flushing here would split the message into small packets.
    public override void Flush() { }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    private SmtpStream Smtp => _smtp ?? throw new InvalidOperationException("The message was written after its DATA phase ended.");

    /// <summary>Transforms as much of <paramref name="source"/> as surely fits in the output buffer; returns how much was consumed.</summary>
    private int StuffSlice(ReadOnlySpan<byte> source)
    {
        var destination = Smtp.OutputSpace;
        source = source[..Math.Min(source.Length, (destination.Length - 1) / 2)];
        var written = 0;
        var i = 0;
        while (i < source.Length)
        {
            if (_pendingCr)
            {
                // CR LF, or a lone CR that must still end the line.
                _pendingCr = false;
                destination[written++] = (byte)'\n';
                _atLineStart = true;
                if (source[i] == '\n')
                {
                    i++;
                    continue;
                }
            }
            if (_atLineStart && source[i] == '.') destination[written++] = (byte)'.';

            var rest = source[i..];
            var run = rest.IndexOfAny((byte)'\r', (byte)'\n');
            if (run < 0) run = rest.Length;
            rest[..run].CopyTo(destination[written..]);
            written += run;
            i += run;
            if (run > 0) _atLineStart = false;
            if (i == source.Length) break;

            destination[written++] = (byte)'\r';
            if (source[i++] == '\r') _pendingCr = true;
            else
            {
                destination[written++] = (byte)'\n';
                _atLineStart = true;
            }
        }
        Smtp.Advance(written);
        return source.Length;
    }
}
