using System.Globalization;
using CecopComms.Audience;
using CecopComms.Audience.Segments;
using CecopComms.Content;
using CecopComms.Content.Campaigns;
using CecopComms.Localization;
using CecopComms.Web.Admin;
using CecopComms.Web.Admin.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CecopComms.Web.Pages.Admin.Content;

/// <summary>
/// A new campaign, or a campaign's definition changed: name, hashtag, period, audience, sender, template and languages.
/// Saving writes the campaign.yaml `cecop campaigns load` reads, with the saved assets and plan of mailings, and saves it
/// through the same service; each problem is shown next to its field. Once a mailing is scheduled or sent, its audience,
/// sender and template stay (the service's rule, which the form shows by not offering them).
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ContentCampaignDefinitionModel(CampaignStore campaigns, MailingContent content, ListStore lists, SegmentStore segments,
    IOptions<ContentOptions> options, ActivityLog activity, TimeProvider time, IStringLocalizer<StaffText> localizer) : PageModel
{
    [BindProperty]
    public CampaignForm Form { get; set; } = new();

    public CampaignSources? Saved { get; private set; }
    public IReadOnlyList<ContentProblem> Problems { get; private set; } = [];

    /// <summary>list:SLUG and segment:SLUG with their names.</summary>
    public IReadOnlyList<(string Value, string Name)> Audiences { get; private set; } = [];

    /// <summary>The templates a campaign can be rendered with (templates/NAME.html.sbn).</summary>
    public IReadOnlyList<string> Templates { get; private set; } = [];

    /// <summary>Characters in the campaign's name or hashtag: they go into subjects and headings.</summary>
    public const int MaxName = 200;

    public bool CanSave => User.CanEdit();

    /// <summary>Whether the audience, sender and template are fixed by a mailing past draft.</summary>
    public bool Locked => Saved?.HasMailingPastDraft == true;

    public async Task<IActionResult> OnGetAsync(string? slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken)) return NotFound();
        if (Saved is null)
        {
            var today = BrusselsTime.Today(time);
            Form = new CampaignForm { Starts = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Ends = today.AddMonths(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        }
        else Form = CampaignYaml.Read(Saved.Document);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? slug, CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return Forbid();
        if (!await LoadAsync(slug, cancellationToken)) return NotFound();
        if (Saved is { } saved)
        {
            Form.Slug = saved.Campaign.Slug;
            if (Locked)
            {
                var before = CampaignYaml.Read(saved.Document);
                (Form.Audience, Form.FromName, Form.FromAddress, Form.ReplyTo, Form.Template) = (before.Audience, before.FromName, before.FromAddress, before.ReplyTo, before.Template);
            }
        }
        else
        {
            Form.Slug = Form.Slug.Trim();
            if (!Slugs.IsValid(Form.Slug))
                return Refused(localizer["'{0}' cannot be a campaign's short name: use lower-case letters, digits and hyphens (at most 63), starting with a letter or digit.", Form.Slug]);
            if (await campaigns.FindAsync(Form.Slug, cancellationToken) is not null)
                return Refused(localizer["There is already a campaign '{0}'; choose another short name.", Form.Slug]);
        }
        // Only what the page offers: a list or segment that exists, a publication template (not the layout or a partial).
        if (!(Saved is not null && Locked))
        {
            if (!Audiences.Any(a => a.Value == Form.Audience?.Trim()))
                return Refused(localizer["Choose the campaign's audience among the lists and segments offered."]);
            if (!Templates.Contains(Form.Template?.Trim() ?? ""))
                return Refused(localizer["Choose the campaign's template among those offered."]);
        }
        if ((Form.Name?.Length ?? 0) > MaxName || (Form.Hashtag?.Length ?? 0) > MaxName)
            return Refused(localizer["The campaign's name and hashtag hold at most {0} characters each.", MaxName]);
        var yaml = CampaignYaml.Write(Form, Saved is null ? [] : CampaignYaml.Plan(Saved.Document));
        var (campaign, problems) = await CampaignSources.SaveAsync(content, Form.Slug, yaml, new Dictionary<string, GeneratedText>(), Saved?.Files() ?? [], cancellationToken);
        if (campaign is null)
        {
            Problems = problems;
            return Page();
        }
        await activity.RecordAsync(User, Saved is null ? "create-campaign" : "edit-campaign", $"{campaign.Hashtag} (campaign {campaign.Slug})",
            Saved is null ? $"Created with its audience {campaign.Audience}, {campaign.StartsOn} to {campaign.EndsOn}." : "Changed its definition.");
        TempData["Message"] = Saved is null ? localizer["Created the campaign {0}.", campaign.Name].Value : localizer["Saved the campaign {0}.", campaign.Name].Value;
        return Redirect($"/admin/content/campaigns/{campaign.Slug}");
    }

    /// <summary>The problems about one form field.</summary>
    public IReadOnlyList<ContentProblem> ProblemsFor(string field) => Problems.Where(p => p.Field == field).ToList();

    private IActionResult Refused(string message)
    {
        Problems = [new ContentProblem("Form.Slug", localizer["Short name"], message)];
        return Page();
    }

    private async Task<bool> LoadAsync(string? slug, CancellationToken cancellationToken)
    {
        Audiences = [
            .. (await lists.ListAsync(cancellationToken)).Select(l => ($"list:{l.Slug}", localizer["List: {0}", l.Name].Value)),
            .. (await segments.ListAsync(cancellationToken)).Select(s => ($"segment:{s.Slug}", localizer["Segment: {0}", s.Name].Value)),
        ];
        var (folder, _) = options.Value.ResolveTemplates(Environment.CurrentDirectory);
        Templates = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.html.sbn").Select(f => Path.GetFileName(f)[..^".html.sbn".Length]).Where(t => t != "layout").Order(StringComparer.Ordinal).ToList()
            : ["campaign"];
        if (slug is null) return true;
        Saved = await CampaignSources.LoadAsync(campaigns, slug, cancellationToken);
        return Saved is not null;
    }
}
