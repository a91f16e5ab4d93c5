namespace CecopComms.Mail.Mime;

/// <summary>A MIME entity: a leaf part or a multipart (mirrors MimeKit.MimeEntity).</summary>
public abstract class MimeEntity
{
    /// <summary>Content headers that properties own; adding them to <see cref="Headers"/> is refused at write time.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Transfer-Encoding", "Content-Disposition", "Content-Id", "MIME-Version",
    };

    private ContentType contentType;
    private string? contentId;

    /// <summary>Creates an <c>application/octet-stream</c> entity.</summary>
    protected MimeEntity() : this(new ContentType("application", "octet-stream")) { }

    /// <summary>Creates an entity of the given type.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="contentType"/> is null.</exception>
    protected MimeEntity(ContentType contentType)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        this.contentType = contentType;
    }

    /// <summary>The entity's own headers (Content-Type, Content-Transfer-Encoding, …).</summary>
    public HeaderList Headers { get; } = new();

    /// <summary>The Content-Type.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public ContentType ContentType
    {
        get => contentType;
        set => contentType = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The Content-Disposition, or null when none is written.</summary>
    public ContentDisposition? ContentDisposition { get; set; }

    /// <summary>The Content-Id without angle brackets (referenced from HTML as <c>cid:</c> + this), or null.</summary>
    /// <exception cref="ArgumentException">The value holds whitespace, angle brackets, control or non-ASCII characters.</exception>
    public string? ContentId
    {
        get => contentId;
        set => contentId = value is null ? null : MessageIdSyntax.Normalize(value, "Content-Id");
    }

    /// <summary>True when the Content-Disposition is <c>attachment</c>.</summary>
    public bool IsAttachment => ContentDisposition?.IsAttachment == true;

    /// <summary>Chooses transfer encodings for the transport; idempotent, and a transfer encoding already safe for the constraint is kept.</summary>
    /// <param name="constraint">What the transport carries.</param>
    /// <param name="maxLineLength">The longest line wanted in 7bit/8bit content (at most 998).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLineLength"/> is not between 60 and 998.</exception>
    public abstract void Prepare(EncodingConstraint constraint, int maxLineLength = 78);

    /// <summary>Writes the entity (headers, blank line, content) to the stream.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IOException">The stream cannot be written.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public void WriteTo(FormatOptions options, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stream);
        using var output = new MimeOutput(options, stream, cancellationToken);
        Write(output, new HeaderFolder(output));
        output.Flush();
    }

    /// <summary>Writes headers, the blank line and the content; returns true when the output ended with a line break that is not content.</summary>
    internal bool Write(MimeOutput output, HeaderFolder folder)
    {
        WriteHeaders(output, folder);
        output.NewLine();
        return WriteContent(output);
    }

    internal void WriteHeaders(MimeOutput output, HeaderFolder folder)
    {
        folder.Begin("Content-Type");
        folder.Token(ContentType.MimeType);
        ParameterWriter.Write(folder, ContentType.Parameters);
        folder.End();
        WriteTransferEncoding(folder);
        if (ContentDisposition is { } disposition)
        {
            folder.Begin("Content-Disposition");
            folder.Token(disposition.Disposition);
            ParameterWriter.Write(folder, disposition.Parameters);
            folder.End();
        }
        if (contentId is not null)
        {
            folder.Begin("Content-Id");
            folder.Token("<" + contentId + ">");
            folder.End();
        }
        HeaderWriting.WriteOthers(folder, output, Headers, Reserved, "the entity's properties");
    }

    private protected virtual void WriteTransferEncoding(HeaderFolder folder) { }

    /// <summary>Writes the content; returns true when the output ended with a line break that is not content (base64, multipart).</summary>
    private protected abstract bool WriteContent(MimeOutput output);

    private protected static void CheckLineLength(int maxLineLength)
    {
        if (maxLineLength is < 60 or > HeaderFolder.HardLimit)
            throw new ArgumentOutOfRangeException(nameof(maxLineLength), maxLineLength, "The line length must be between 60 and 998.");
    }
}
