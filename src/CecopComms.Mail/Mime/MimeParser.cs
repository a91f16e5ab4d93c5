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
        var buffer = new byte[81920];
        using var copy = new MemoryStream();
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Append(copy, buffer.AsSpan(0, n));
        }
        return new MimeReader(copy.ToArray()).ReadMessage();
    }

    /// <summary>Reads the message asynchronously; see <see cref="ParseMessage"/>.</summary>
    /// <exception cref="MessageParseException">The input is empty, does not start with a header field (the line is named), or is larger than <see cref="MaxMessageSize"/>.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task<MimeMessage> ParseMessageAsync(CancellationToken cancellationToken = default)
    {
        var buffer = new byte[81920];
        using var copy = new MemoryStream();
        int n;
        while ((n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            Append(copy, buffer.AsSpan(0, n));
        return new MimeReader(copy.ToArray()).ReadMessage();
    }

    private void Append(MemoryStream copy, ReadOnlySpan<byte> chunk)
    {
        if (copy.Length + chunk.Length > maxMessageSize)
            throw new MessageParseException($"The message is larger than {maxMessageSize / (1024.0 * 1024):0.#} MB ({maxMessageSize} bytes); it was not read.", 0);
        copy.Write(chunk);
    }
}
