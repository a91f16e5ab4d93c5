using System.Buffers;

namespace CecopComms.Mail.Mime;

/// <summary>
/// Reads messages from a stream (mirrors MimeKit.MimeParser): RFC 5322 headers, MIME trees of any depth,
/// embedded messages and delivery-status reports. The message is read into memory, up to
/// <see cref="MaxMessageSize"/>: bounces and replies are small, and a bounded read keeps a hostile mailbox harmless.
/// </summary>
public class MimeParser
{
    /// <summary>The default size limit: 25 MB, above what common mail servers accept.</summary>
    public const int DefaultMaxMessageSize = 25 * 1024 * 1024;

    private readonly Stream stream;
    private int maxMessageSize = DefaultMaxMessageSize;

    /// <summary>Creates a parser over <paramref name="stream"/>, read from its current position to its end.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public MimeParser(Stream stream) => this.stream = stream ?? throw new ArgumentNullException(nameof(stream));

    /// <summary>The largest message accepted, in bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxMessageSize
    {
        get => maxMessageSize;
        set => maxMessageSize = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The size limit must be positive.");
    }

    /// <summary>Reads the message. Damaged MIME (bad headers, missing boundaries, bad encodings) is read as well as it can be, never refused.</summary>
    /// <exception cref="MessageParseException">The input is empty, does not start with a header field (the line is named), or is larger than <see cref="MaxMessageSize"/>.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public MimeMessage ParseMessage(CancellationToken cancellationToken = default)
    {
        if (KnownLength() is { } length)
        {
            // A seekable stream (a file, a downloaded message) is read straight into one array of its size.
            var data = new byte[length];
            stream.ReadExactly(data);
            cancellationToken.ThrowIfCancellationRequested();
            return new MimeReader(data).ReadMessage();
        }
        var buffer = ArrayPool<byte>.Shared.Rent(16384);
        try
        {
            using var copy = new MemoryStream();
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Append(copy, buffer.AsSpan(0, n));
            }
            return new MimeReader(copy.ToArray()).ReadMessage();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads the message asynchronously; see <see cref="ParseMessage"/>.</summary>
    /// <exception cref="MessageParseException">The input is empty, does not start with a header field (the line is named), or is larger than <see cref="MaxMessageSize"/>.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task<MimeMessage> ParseMessageAsync(CancellationToken cancellationToken = default)
    {
        if (KnownLength() is { } length)
        {
            var data = new byte[length];
            await stream.ReadExactlyAsync(data, cancellationToken).ConfigureAwait(false);
            return new MimeReader(data).ReadMessage();
        }
        var buffer = ArrayPool<byte>.Shared.Rent(16384);
        try
        {
            using var copy = new MemoryStream();
            int n;
            while ((n = await stream.ReadAsync(buffer.AsMemory(0, 16384), cancellationToken).ConfigureAwait(false)) > 0)
                Append(copy, buffer.AsSpan(0, n));
            return new MimeReader(copy.ToArray()).ReadMessage();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The bytes left in a seekable stream, after checking them against the limit; null when the stream cannot tell.</summary>
    private int? KnownLength()
    {
        if (!stream.CanSeek)
            return null;
        long remaining;
        try
        {
            remaining = Math.Max(0, stream.Length - stream.Position);
        }
        catch (NotSupportedException)
        {
            return null;
        }
        if (remaining > maxMessageSize)
            throw TooLarge();
        return (int)remaining;
    }

    private MessageParseException TooLarge() =>
        new($"The message is larger than {maxMessageSize / (1024.0 * 1024):0.#} MB ({maxMessageSize} bytes); it was not read.", 0);

    private void Append(MemoryStream copy, ReadOnlySpan<byte> chunk)
    {
        if (copy.Length + chunk.Length > maxMessageSize)
            throw TooLarge();
        copy.Write(chunk);
    }
}
