using System.Buffers;

namespace CecopComms.Mail.Smtp;

/// <summary>
/// Holds a message written once, in pooled 64 KB chunks, so its size is known before MAIL FROM when the server
/// states a SIZE limit, without writing the message a second time for DATA. Writing past the limit stops at once
/// with <see cref="TooLargeException"/>, so memory never exceeds the server's limit.
/// </summary>
internal sealed class SizedMessageBuffer : Stream
{
    private const int ChunkSize = 64 * 1024;
    private readonly List<byte[]> _chunks = [];
    private readonly long _limit;
    private int _lastCount = ChunkSize;

    public SizedMessageBuffer(long limit) => _limit = limit;

    /// <summary>Thrown by a write that would take the message past the limit.</summary>
    public sealed class TooLargeException() : Exception("The message is larger than the server's SIZE limit.");

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => (long)(_chunks.Count - 1) * ChunkSize + _lastCount;
    public override long Position { get => Length; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Length + buffer.Length > _limit) throw new TooLargeException();
        while (!buffer.IsEmpty)
        {
            if (_lastCount == ChunkSize)
            {
                _chunks.Add(ArrayPool<byte>.Shared.Rent(ChunkSize));
                _lastCount = 0;
            }
            var take = Math.Min(buffer.Length, ChunkSize - _lastCount);
            buffer[..take].CopyTo(_chunks[^1].AsSpan(_lastCount));
            _lastCount += take;
            buffer = buffer[take..];
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Writes the held message to <paramref name="destination"/> (the DATA filter).</summary>
    public async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _chunks.Count; i++)
        {
            var count = i == _chunks.Count - 1 ? _lastCount : ChunkSize;
            await destination.WriteAsync(_chunks[i].AsMemory(0, count), cancellationToken).ConfigureAwait(false);
        }
    }

    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        foreach (var chunk in _chunks) ArrayPool<byte>.Shared.Return(chunk);
        _chunks.Clear();
        _lastCount = ChunkSize;
        base.Dispose(disposing);
    }
}
