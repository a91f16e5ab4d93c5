namespace CecopComms.Mail.Mime;

/// <summary>Builds a body from text, HTML, attachments and inline resources (mirrors MimeKit.BodyBuilder).</summary>
public class BodyBuilder
{
    public string? TextBody { get; set; }
    public string? HtmlBody { get; set; }
    /// <summary>Build the body tree: text+HTML → multipart/alternative; LinkedResources → multipart/related; Attachments → multipart/mixed.</summary>
    public MimeEntity ToMessageBody() => throw new NotImplementedException("contract");
}
