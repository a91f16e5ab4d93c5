using System.Buffers;
using System.Text;

namespace CecopComms.Mail.Mime;

/// <summary>
/// A byte buffer in front of the destination stream: headers and encoders write small pieces, and the
/// stream sees few large writes. Without a stream it grows in pooled memory (async writes, DKIM).
/// </summary>
internal sealed class MimeOutput : IDisposable
{
    private static readonly byte[] Crlf = "\r\n"u8.ToArray();
    private static readonly byte[] Lf = "\n"u8.ToArray();

    private readonly Stream? stream;
    private readonly CancellationToken cancellationToken;
    private byte[] buffer;
    private int length;

    /// <summary>Buffers into pooled memory, read back with <see cref="Written"/>.</summary>
    public MimeOutput(FormatOptions options) : this(options, null, default) { }

    /// <summary>Writes through to <paramref name="stream"/>.</summary>
    public MimeOutput(FormatOptions options, Stream? stream, CancellationToken cancellationToken)
    {
        Options = options;
        this.stream = stream;
        this.cancellationToken = cancellationToken;
        NewLineBytes = options.NewLineFormat == NewLineFormat.Dos ? Crlf : Lf;
        buffer = ArrayPool<byte>.Shared.Rent(stream is null ? 32 * 1024 : 16 * 1024);
    }

    public FormatOptions Options { get; }

    public byte[] NewLineBytes { get; }

    /// <summary>What has been written so far (memory mode only).</summary>
    public ReadOnlyMemory<byte> Written => buffer.AsMemory(0, length);

    /// <summary>The last byte written, or -1 before the first write.</summary>
    public int LastByte { get; private set; } = -1;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return;
        LastByte = bytes[^1];
        while (bytes.Length > 0)
        {
            if (length == buffer.Length)
                MakeRoom(bytes.Length);
            var n = Math.Min(bytes.Length, buffer.Length - length);
            bytes[..n].CopyTo(buffer.AsSpan(length));
            length += n;
            bytes = bytes[n..];
        }
    }

    public void WriteByte(byte b)
    {
        if (length == buffer.Length)
            MakeRoom(1);
        buffer[length++] = b;
        LastByte = b;
    }

    /// <summary>Writes text as UTF-8 (ASCII text is the common case and costs the same).</summary>
    public void WriteText(ReadOnlySpan<char> text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (max <= 512)
        {
            Span<byte> tmp = stackalloc byte[max];
            Write(tmp[..Encoding.UTF8.GetBytes(text, tmp)]);
            return;
        }
        var rented = ArrayPool<byte>.Shared.Rent(max);
        Write(rented.AsSpan(0, Encoding.UTF8.GetBytes(text, rented)));
        ArrayPool<byte>.Shared.Return(rented);
    }

    public void NewLine() => Write(NewLineBytes);

    /// <summary>Hands a free span of at least <paramref name="size"/> bytes for an encoder to fill; commit with <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (buffer.Length - length < size)
            MakeRoom(size);
        return buffer.AsSpan(length);
    }

    public void Advance(int count)
    {
        if (count == 0)
            return;
        length += count;
        LastByte = buffer[length - 1];
    }

    public void Flush()
    {
        if (stream is null || length == 0)
            return;
        cancellationToken.ThrowIfCancellationRequested();
        stream.Write(buffer, 0, length);
        length = 0;
    }

    public void Dispose()
    {
        var b = buffer;
        buffer = [];
        length = 0;
        if (b.Length > 0)
            ArrayPool<byte>.Shared.Return(b);
    }

    private void MakeRoom(int wanted)
    {
        if (stream is not null)
        {
            Flush();
            if (buffer.Length >= wanted)
                return;
        }
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + wanted));
        buffer.AsSpan(0, length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = bigger;
    }
}
