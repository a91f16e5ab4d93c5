namespace CecopComms.Web.Admin.Content;

/// <summary>
/// An edition as the compose form shows it: the English fields, one block per news item, one block per language
/// variant. It is never saved as such: <see cref="EditionYaml"/> writes it as the YAML `cecop editions load` reads.
/// </summary>
public sealed class EditionForm
{
    /// <summary>The publication's slug (cecop-link, cecop-newsletter).</summary>
    public string Publication { get; set; } = "";

    /// <summary>The edition's number in its year; empty for a new edition (the next number is taken when saved).</summary>
    public int? Number { get; set; }

    /// <summary>Issue date, yyyy-MM-dd.</summary>
    public string Date { get; set; } = "";

    /// <summary>The English subject.</summary>
    public string Subject { get; set; } = "";

    /// <summary>The English preheader (the line mail programs show after the subject); optional.</summary>
    public string? Preheader { get; set; }

    /// <summary>The English introduction, Markdown.</summary>
    public string Intro { get; set; } = "";

    public List<NewsItemForm> Items { get; set; } = [];

    public List<EditionVariantForm> Variants { get; set; } = [];

    /// <summary>Makes every variant hold one title, summary and image text per news item, so the blocks line up.</summary>
    public void Align()
    {
        foreach (var variant in Variants)
        {
            Fit(variant.Titles);
            Fit(variant.Summaries);
            Fit(variant.ImageAlts);
        }
    }

    private void Fit(List<string> values)
    {
        while (values.Count < Items.Count) values.Add("");
        if (values.Count > Items.Count) values.RemoveRange(Items.Count, values.Count - Items.Count);
    }
}
