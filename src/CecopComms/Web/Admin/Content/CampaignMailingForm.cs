namespace CecopComms.Web.Admin.Content;

/// <summary>
/// A campaign mailing as the admin form shows it: its file name, title and planned time, and one text per language, the
/// first English. <see cref="MailingMarkdown"/> writes it as the Markdown files `cecop campaigns load` reads.
/// </summary>
public sealed class CampaignMailingForm
{
    /// <summary>The file name without .md (01-launch); fixed once the mailing exists.</summary>
    public string Slug { get; set; } = "";

    /// <summary>What the officer calls it (the launch); optional, the subject stands in.</summary>
    public string? Title { get; set; }

    /// <summary>When the campaign plans to send it, Brussels local time: yyyy-MM-ddTHH:mm.</summary>
    public string Planned { get; set; } = "";

    /// <summary>English first, then the language variants.</summary>
    public List<MailingTextForm> Texts { get; set; } = [];
}

/// <summary>One language of a campaign mailing: a Markdown file's subject, preheader and body.</summary>
public sealed class MailingTextForm
{
    /// <summary>A language tag: en, it, fr...</summary>
    public string Language { get; set; } = "";

    public string Subject { get; set; } = "";

    public string? Preheader { get; set; }

    /// <summary>Markdown.</summary>
    public string Body { get; set; } = "";
}
