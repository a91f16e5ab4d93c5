using CecopComms.Content.Sources;
using CecopComms.Content.Validation;

namespace CecopComms.Content.Campaigns;

/// <summary>A campaign as files: campaign.yaml and, per mailing, NAME.md with its language variants NAME.LANG.md.</summary>
/// <param name="Document">campaign.yaml, read.</param>
/// <param name="Files">Per mailing slug: file name to text.</param>
public sealed record CampaignFolder(CampaignDocument Document, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Files)
{
    /// <summary>Where messages say the campaign's files are: campaigns/SLUG/FILE, wherever the folder was read from.</summary>
    public static string Display(string slug, string file) => $"campaigns/{slug}/{file}";

    /// <summary>Reads the folder; null when campaign.yaml is too broken to go on (the problems are in <paramref name="diagnostics"/>).</summary>
    /// <exception cref="ContentValidationException">The folder or its campaign.yaml does not exist, or its name cannot be a slug.</exception>
    public static CampaignFolder? Read(string folder, Diagnostics diagnostics)
    {
        var slug = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        var path = Path.Combine(folder, CampaignReader.FileName);
        if (!File.Exists(path)) throw new ContentValidationException($"{path}: no such file; a campaign folder holds campaign.yaml and its mailings.");
        var markdown = Directory.EnumerateFiles(folder, "*.md").ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
        return FromTexts(slug, File.ReadAllText(path), markdown, diagnostics);
    }

    /// <summary>
    /// The folder as its texts: campaign.yaml and the Markdown files beside it, by file name. The admin area writes these
    /// texts from its forms, so a campaign saved in the web passes the same reading as one loaded from its folder.
    /// </summary>
    /// <exception cref="ContentValidationException">The slug cannot be a campaign's.</exception>
    public static CampaignFolder? FromTexts(string slug, string campaignYaml, IReadOnlyDictionary<string, string> markdown, Diagnostics diagnostics)
    {
        try { Audience.Slugs.Check(slug, "campaign"); }
        catch (Audience.AudienceException e) { throw new ContentValidationException(e.Message); }
        var document = CampaignReader.Read(slug, new SourceText(Display(slug, CampaignReader.FileName), campaignYaml), diagnostics);
        if (document is null) return null;
        var files = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var planned in document.Mailings)
        {
            var texts = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, text) in markdown)
                if (IsFileOf(name, planned)) texts[name] = text;
            if (!texts.ContainsKey(planned.File.Value))
                diagnostics.Error(planned.File.File, planned.File.Line, planned.File.Column, $"there is no file {planned.File.Value} beside campaign.yaml");
            files[planned.Slug] = texts;
        }
        return new CampaignFolder(document, files);
    }

    /// <summary>
    /// Writes a saved campaign as its folder: campaign.yaml and every mailing's Markdown files, as `cecop campaigns load`
    /// reads them back. Files of the same names are replaced; others in the folder are left alone. Returns the names written.
    /// </summary>
    /// <exception cref="ContentValidationException">A saved file name would leave the folder.</exception>
    public static IReadOnlyList<string> Write(string folder, Campaign campaign, IEnumerable<CampaignMailing> mailings)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal) { [CampaignReader.FileName] = campaign.Source };
        foreach (var mailing in mailings)
            foreach (var (name, text) in mailing.FileTexts())
                files[Path.GetFileName(name) == name && name.EndsWith(".md", StringComparison.Ordinal) ? name
                    : throw new ContentValidationException($"'{name}' of {mailing.Slug} is not a Markdown file name.")] = text;
        Directory.CreateDirectory(folder);
        foreach (var (name, text) in files) File.WriteAllText(Path.Combine(folder, name), text);
        return files.Keys.ToList();
    }

    // NAME.md itself, or a language variant NAME.LANG.md.
    private static bool IsFileOf(string name, PlannedFile planned) =>
        name == planned.File.Value
        || name.StartsWith(planned.Slug + ".", StringComparison.Ordinal) && name.EndsWith(".md", StringComparison.Ordinal)
            && MailingFileReader.LanguageOf(name, planned.Slug) is { Length: >= 2 and <= 8 } && name.Count(c => c == '.') == 2;
}
