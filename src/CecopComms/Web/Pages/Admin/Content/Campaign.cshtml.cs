using System.Text.Json;
using CecopComms.Content;
using CecopComms.Content.Campaigns;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages.Admin.Content;

/// <summary>A campaign and the timeline of its mailings (what `cecop campaigns show` prints), each with its preview.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ContentCampaignModel(CampaignStore campaigns) : PageModel
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    public Campaign Campaign { get; private set; } = new();
    public IReadOnlyList<CampaignMailing> Mailings { get; private set; } = [];

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
        return Page();
    }

    /// <summary>The planned time in Europe/Brussels, where CECOP works.</summary>
    public static string Planned(CampaignMailing mailing) =>
        TimeZoneInfo.ConvertTime(mailing.PlannedAt, Brussels).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The languages a mailing is written in (its Markdown files' languages).</summary>
    public static string Files(CampaignMailing mailing) =>
        string.Join(", ", (JsonSerializer.Deserialize<Dictionary<string, string>>(mailing.Files) ?? []).Keys);
}
