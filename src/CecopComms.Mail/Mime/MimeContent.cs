using System.Runtime.InteropServices;

namespace CecopComms.Mail.Mime;

/// <summary>The decoded bytes of a part (mirrors MimeKit.MimeContent); kept in memory, encoded only when written.</summary>
public class MimeContent
{
    /// <summary>Copies the stream's remaining bytes.</summary>
    /// <param name="stream">The decoded content.</param>
    /// <param name="encoding">How the stream is encoded: only <see cref="ContentEncoding.Default"/> and the identity encodings are accepted.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="NotSupportedException"><paramref name="encoding"/> is base64 or quoted-printable (pass decoded content).</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public MimeContent(Stream stream, ContentEncoding encoding = ContentEncoding.Default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (encoding is ContentEncoding.Base64 or ContentEncoding.QuotedPrintable)
            throw new NotSupportedException("MimeContent holds decoded bytes; pass the content before transfer encoding.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        Data = copy.ToArray();
        Encoding = encoding;
    }

    /// <summary>Wraps bytes without copying; the caller must not change them afterwards.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    public MimeContent(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Data = data;
    }

    /// <summary>How the content is encoded: always an identity encoding here.</summary>
    public ContentEncoding Encoding { get; }

    /// <summary>The decoded bytes.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>A read-only stream over the decoded bytes.</summary>
    public Stream Open() =>
        MemoryMarshal.TryGetArray(Data, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(Data.ToArray(), writable: false);

    /// <summary>Copies the decoded bytes to <paramref name="stream"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="IOException">The stream cannot be written.</exception>
    public void DecodeTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Data.Span);
    }
}
