namespace CecopComms.Mail.Mime;

/// <summary>Builds a body from text, HTML, attachments and inline resources (mirrors MimeKit.BodyBuilder).</summary>
public class BodyBuilder
{
    /// <summary>The plain-text body, or null.</summary>
    public string? TextBody { get; set; }

    /// <summary>The HTML body, or null; it refers to <see cref="LinkedResources"/> as <c>cid:</c> + their Content-Id.</summary>
    public string? HtmlBody { get; set; }

    /// <summary>Files attached to the message (multipart/mixed).</summary>
    public AttachmentCollection Attachments { get; } = new();

    /// <summary>Inline resources of the HTML body, such as images (multipart/related).</summary>
    public AttachmentCollection LinkedResources { get; } = new(linkedResources: true);

    /// <summary>Build the body tree: text+HTML → multipart/alternative; LinkedResources → multipart/related; Attachments → multipart/mixed.</summary>
    public MimeEntity ToMessageBody()
    {
        MimeEntity? html = null;
        if (HtmlBody is not null)
        {
            html = new TextPart("html") { Text = HtmlBody };
            if (LinkedResources.Count > 0)
            {
                var related = new Multipart("related") { html };
                // RFC 2387: the type parameter names the root part's type.
                related.ContentType.Parameters.Insert(0, new Parameter("type", "text/html"));
                foreach (var resource in LinkedResources)
                    related.Add(resource);
                html = related;
            }
        }
        MimeEntity? text = TextBody is null ? null : new TextPart("plain") { Text = TextBody };
        MimeEntity? body = (text, html) switch
        {
            (not null, not null) => new Multipart("alternative") { text, html },
            (not null, null) => text,
            (null, not null) => html,
            _ => null,
        };
        if (Attachments.Count == 0)
            return body ?? new TextPart("plain");
        var mixed = new Multipart("mixed");
        if (body is not null)
            mixed.Add(body);
        foreach (var attachment in Attachments)
            mixed.Add(attachment);
        return mixed;
    }
}
