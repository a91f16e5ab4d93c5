namespace CecopComms.Web.Admin.Content;

/// <summary>One news item's block of the compose form, in English.</summary>
public sealed class NewsItemForm
{
    /// <summary>yyyy-MM-dd.</summary>
    public string Date { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>Tags among <see cref="CecopComms.Content.Editions.NewsTags.All"/>.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Markdown.</summary>
    public string Summary { get; set; } = "";

    /// <summary>The "Read more" link: an absolute https address.</summary>
    public string Link { get; set; } = "";

    /// <summary>An optional image's https address.</summary>
    public string? Image { get; set; }

    /// <summary>What the image shows, in English (required with an image).</summary>
    public string? ImageAlt { get; set; }
}
