using System.Collections;

namespace CecopComms.Mail.Mime;

/// <summary>Attachments or linked resources of a <see cref="BodyBuilder"/> (mirrors MimeKit.AttachmentCollection).</summary>
public class AttachmentCollection : IList<MimeEntity>
{
    private readonly List<MimeEntity> items = [];
    private readonly bool linked;

    /// <summary>Creates a collection; <paramref name="linkedResources"/> makes parts inline with a Content-Id (for <c>cid:</c> references).</summary>
    public AttachmentCollection(bool linkedResources = false) => linked = linkedResources;

    /// <summary>Adds a file from bytes; the type comes from the extension when <paramref name="contentType"/> is null.</summary>
    /// <returns>The part added; for a linked resource its <see cref="MimeEntity.ContentId"/> is set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fileName"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The file name is empty or holds CR, LF or NUL.</exception>
    public MimeEntity Add(string fileName, byte[] data, ContentType? contentType = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return AddPart(fileName, new MimeContent(data), contentType);
    }

    /// <summary>Adds a file from a stream (read now).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fileName"/> or <paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException">The file name is empty or holds CR, LF or NUL.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public MimeEntity Add(string fileName, Stream stream, ContentType? contentType = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return AddPart(fileName, new MimeContent(stream), contentType);
    }

    /// <summary>Adds a file from disk (read now).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fileName"/> is null.</exception>
    /// <exception cref="ArgumentException">The file name is empty or holds CR, LF or NUL.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public MimeEntity Add(string fileName, ContentType? contentType = null)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return AddPart(fileName, new MimeContent(File.ReadAllBytes(fileName)), contentType);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    public void Add(MimeEntity item) => items.Add(item ?? throw new ArgumentNullException(nameof(item)));

    /// <inheritdoc/>
    public int Count => items.Count;

    /// <inheritdoc/>
    public bool IsReadOnly => false;

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    public MimeEntity this[int index]
    {
        get => items[index];
        set => items[index] = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <inheritdoc/>
    public void Clear() => items.Clear();

    /// <inheritdoc/>
    public bool Contains(MimeEntity item) => items.Contains(item);

    /// <inheritdoc/>
    public void CopyTo(MimeEntity[] array, int arrayIndex) => items.CopyTo(array, arrayIndex);

    /// <inheritdoc/>
    public IEnumerator<MimeEntity> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public int IndexOf(MimeEntity item) => items.IndexOf(item);

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    public void Insert(int index, MimeEntity item) => items.Insert(index, item ?? throw new ArgumentNullException(nameof(item)));

    /// <inheritdoc/>
    public bool Remove(MimeEntity item) => items.Remove(item);

    /// <inheritdoc/>
    public void RemoveAt(int index) => items.RemoveAt(index);

    private MimePart AddPart(string fileName, MimeContent content, ContentType? contentType)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = Path.GetFileName(fileName);
        if (name.Length == 0)
            throw new ArgumentException("The file name is empty.", nameof(fileName));
        var part = new MimePart(contentType ?? ContentType.Parse(MimeTypes.GetMimeType(name)))
        {
            Content = content,
            ContentDisposition = new ContentDisposition(linked ? ContentDisposition.Inline : ContentDisposition.Attachment),
        };
        part.FileName = name;
        // Files are bytes: base64 keeps them intact whatever their line endings; text files may still be made readable by Prepare.
        if (!part.ContentType.IsMimeType("text", "*"))
            part.ContentTransferEncoding = ContentEncoding.Base64;
        if (linked)
            part.ContentId = MimeUtils.GenerateMessageId();
        items.Add(part);
        return part;
    }
}
