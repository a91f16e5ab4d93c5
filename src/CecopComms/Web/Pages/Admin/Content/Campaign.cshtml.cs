using CecopComms.Content;
using CecopComms.Content.Campaigns;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages.Admin.Content;

/// <summary>A campaign and the timeline of its mailings (what `cecop campaigns show` prints), each with its preview.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ContentCampaignModel(CampaignStore campaigns) : PageModel
{
    public Campaign Campaign { get; private set; } = new();
    public IReadOnlyList<CampaignMailing> Mailings { get; private set; } = [];

    /// <summary>campaign.yaml as read; null when it can no longer be read.</summary>
    public CampaignDocument? Document { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        try
        {
            Campaign = await campaigns.GetAsync(slug, cancellationToken);
        }
        catch (ContentNotFoundException)
        {
            return NotFound();
        }
        Mailings = (await campaigns.MailingsAsync(Campaign, cancellationToken)).OrderBy(m => m.PlannedAt).ThenBy(m => m.Id).ToList();
        Document = CampaignReader.Read(Campaign.Slug, new CecopComms.Content.Validation.SourceText(CampaignFolder.Display(Campaign.Slug, CampaignReader.FileName), Campaign.Source),
            new CecopComms.Content.Validation.Diagnostics());
        return Page();
    }

    /// <summary>The planned time in Europe/Brussels, where CECOP works.</summary>
    public static string Planned(CampaignMailing mailing) => Web.Admin.Content.BrusselsTime.Show(mailing.PlannedAt);

    /// <summary>The languages a mailing is written in (its Markdown files' languages).</summary>
    public static string Files(CampaignMailing mailing) =>
        string.Join(", ", mailing.FileTexts().Keys);
}
