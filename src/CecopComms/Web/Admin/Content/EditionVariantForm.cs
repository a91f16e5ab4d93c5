namespace CecopComms.Web.Admin.Content;

/// <summary>One language variant of the compose form: the translated subject and introduction, and per news item (same order) its title, summary and image text.</summary>
public sealed class EditionVariantForm
{
    /// <summary>A language tag: fr, it, es...</summary>
    public string Language { get; set; } = "";

    public string Subject { get; set; } = "";

    public string? Preheader { get; set; }

    public string Intro { get; set; } = "";

    public List<string> Titles { get; set; } = [];

    public List<string> Summaries { get; set; } = [];

    public List<string> ImageAlts { get; set; } = [];
}
