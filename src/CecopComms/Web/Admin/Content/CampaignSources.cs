using CecopComms.Content;
using CecopComms.Content.Campaigns;
using CecopComms.Content.Validation;

namespace CecopComms.Web.Admin.Content;

/// <summary>
/// A saved campaign as its files (campaign.yaml read, each mailing's Markdown files), which the admin forms change and
/// save again through <see cref="MailingContent.SaveCampaignAsync(string, string, IReadOnlyDictionary{string, string}, CancellationToken)"/>: the web writes what a folder holds.
/// </summary>
public sealed class CampaignSources
{
    private CampaignSources(Campaign campaign, CampaignDocument document, IReadOnlyList<CampaignMailing> mailings)
    {
        Campaign = campaign;
        Document = document;
        Mailings = mailings;
    }

    public Campaign Campaign { get; }

    public CampaignDocument Document { get; }

    /// <summary>In the order they are planned.</summary>
    public IReadOnlyList<CampaignMailing> Mailings { get; }

    /// <summary>Whether a mailing is scheduled, being sent or sent, so the audience, sender and template stay as they are.</summary>
    public bool HasMailingPastDraft => Mailings.Any(m => m.State is ContentState.Scheduled or ContentState.Sending or ContentState.Sent);

    /// <summary>The saved campaign, or null when there is none.</summary>
    /// <exception cref="ContentValidationException">Its saved campaign.yaml can no longer be read.</exception>
    public static async Task<CampaignSources?> LoadAsync(CampaignStore store, string slug, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(slug, cancellationToken) is not { } campaign) return null;
        var diagnostics = new Diagnostics();
        var document = CampaignReader.Read(campaign.Slug, new SourceText(CampaignFolder.Display(campaign.Slug, CampaignReader.FileName), campaign.Source), diagnostics);
        diagnostics.ThrowIfErrors(CampaignFolder.Display(campaign.Slug, CampaignReader.FileName));
        var mailings = (await store.MailingsAsync(campaign, cancellationToken)).OrderBy(m => m.PlannedAt).ThenBy(m => m.Id).ToList();
        return new CampaignSources(campaign, document!, mailings);
    }

    /// <summary>The Markdown files of every mailing but <paramref name="except"/>.</summary>
    public Dictionary<string, string> Files(string? except = null) =>
        Mailings.Where(m => m.Slug != except).SelectMany(m => m.FileTexts()).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);

    /// <summary>
    /// Saves campaign.yaml written from a form with the Markdown files: <paramref name="written"/> from the form, <paramref name="kept"/>
    /// as saved. Returns the campaign and its warnings, or the problems placed on the form's fields.
    /// </summary>
    public static async Task<(Campaign? Campaign, IReadOnlyList<ContentProblem> Problems)> SaveAsync(MailingContent content, string slug, GeneratedText yaml,
        IReadOnlyDictionary<string, GeneratedText> written, IReadOnlyDictionary<string, string> kept, CancellationToken cancellationToken)
    {
        var sources = new Dictionary<string, GeneratedText?>(StringComparer.Ordinal) { [CampaignFolder.Display(slug, CampaignReader.FileName)] = yaml };
        foreach (var (name, text) in written) sources[CampaignFolder.Display(slug, name)] = text;
        var markdown = new Dictionary<string, string>(kept, StringComparer.Ordinal);
        foreach (var (name, text) in written) markdown[name] = text.Text;
        try
        {
            var (campaign, diagnostics) = await content.SaveCampaignAsync(slug, yaml.Text, markdown, cancellationToken);
            return (campaign, ContentProblems.FromDiagnostics(diagnostics.Items, sources));
        }
        catch (ContentValidationException e)
        {
            return (null, ContentProblems.FromMessage(e.Message, sources));
        }
    }
}
