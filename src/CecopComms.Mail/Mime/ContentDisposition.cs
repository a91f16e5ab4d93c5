namespace CecopComms.Mail.Mime;

/// <summary>A Content-Disposition such as <c>attachment; filename=report.pdf</c> (mirrors MimeKit.ContentDisposition).</summary>
public class ContentDisposition
{
    /// <summary>The part is a file to save.</summary>
    public const string Attachment = "attachment";

    /// <summary>The part is shown in the body (inline images).</summary>
    public const string Inline = "inline";

    private string disposition;

    /// <summary>Creates a disposition.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="disposition"/> is null.</exception>
    /// <exception cref="ArgumentException">The disposition is not a MIME token.</exception>
    public ContentDisposition(string disposition = Attachment) => this.disposition = Check(disposition, nameof(disposition));

    /// <summary>The disposition, usually <see cref="Attachment"/> or <see cref="Inline"/>.</summary>
    /// <exception cref="ArgumentException">The value is not a MIME token.</exception>
    public string Disposition { get => disposition; set => disposition = Check(value, nameof(value)); }

    /// <summary>True for <c>attachment</c>; setting false makes it <c>inline</c>.</summary>
    public bool IsAttachment
    {
        get => string.Equals(disposition, Attachment, StringComparison.OrdinalIgnoreCase);
        set => disposition = value ? Attachment : Inline;
    }

    /// <summary>The parameters in the order they are written.</summary>
    public ParameterList Parameters { get; } = new();

    /// <summary>The filename parameter (written with RFC 2231 when not ASCII or long), or null.</summary>
    /// <exception cref="ArgumentException">The value holds CR, LF or NUL.</exception>
    public string? FileName { get => Parameters["filename"]; set => Parameters["filename"] = value; }

    /// <inheritdoc/>
    public override string ToString() => Parameters.Count == 0 ? disposition : disposition + "; " + string.Join("; ", Parameters);

    private static string Check(string value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (!MimeToken.IsToken(value))
            throw new ArgumentException($"'{value}' is not a MIME token.", paramName);
        return value;
    }
}
