using CecopComms.Audience;
using CecopComms.Content;
using CecopComms.Content.Campaigns;
using CecopComms.Content.Sources;
using CecopComms.Localization;
using CecopComms.Web.Admin;
using CecopComms.Web.Admin.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CecopComms.Web.Pages.Admin.Content;

/// <summary>
/// Add a mailing to a campaign, change one that is still a draft, or remove it: its file name, title, planned time
/// (Brussels) and per language a subject, preheader and Markdown body, English first. Saving writes the Markdown files
/// and the campaign.yaml plan `cecop campaigns load` reads and saves the campaign through the same service, so a
/// template or Markdown problem is caught now and shown next to its field. A mailing past draft is shown, not changed.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ContentCampaignMailingModel(CampaignStore campaigns, MailingContent content, ActivityLog activity, IStringLocalizer<StaffText> localizer)
    : PageModel
{
    [BindProperty]
    public CampaignMailingForm Form { get; set; } = new();

    public CampaignSources Saved { get; private set; } = null!;

    /// <summary>The mailing being changed; null for a new one.</summary>
    public CampaignMailing? Mailing { get; private set; }

    public IReadOnlyList<ContentProblem> Problems { get; private set; } = [];

    /// <summary>Whether the page asks to confirm removing the mailing.</summary>
    public bool ConfirmRemove { get; private set; }

    /// <summary>An editor, and a draft (or a new mailing).</summary>
    public bool CanSave => User.CanEdit() && (Mailing is null || Mailing.State == ContentState.Draft);

    public async Task<IActionResult> OnGetAsync(string slug, string? mailing, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, mailing, cancellationToken)) return NotFound();
        if (Mailing is null)
        {
            var start = new DateTime(Saved.Document.Starts, new TimeOnly(10, 0));
            Form = new CampaignMailingForm
            {
                Planned = BrusselsTime.Field(new DateTimeOffset(start, BrusselsTime.Zone.GetUtcOffset(start))),
                Texts = [.. Saved.Document.Languages.Prepend(LocalText.Fallback).Distinct(StringComparer.Ordinal).Select(l => new MailingTextForm { Language = l })],
            };
        }
        else Form = MailingMarkdown.Read(Mailing.Slug, Mailing.FileTexts(), BrusselsTime.Field(Mailing.PlannedAt));
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string slug, string? mailing, CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return Forbid();
        if (!await LoadAsync(slug, mailing, cancellationToken)) return NotFound();
        if (!CanSave) return PastDraft();
        var problems = new List<ContentProblem>();
        if (Mailing is { } existing) Form.Slug = existing.Slug;
        else
        {
            Form.Slug = Form.Slug.Trim();
            if (!Slugs.IsValid(Form.Slug))
                problems.Add(new ContentProblem("Form.Slug", localizer["File name"], localizer["'{0}' cannot be a mailing's file name: use lower-case letters, digits and hyphens (at most 63), starting with a letter or digit.", Form.Slug]));
            else if (Saved.Document.Mailings.Any(m => m.Slug == Form.Slug) || Saved.Mailings.Any(m => m.Slug == Form.Slug))
                problems.Add(new ContentProblem("Form.Slug", localizer["File name"], localizer["The campaign already has a mailing '{0}'; choose another file name.", Form.Slug]));
        }
        if (!BrusselsTime.TryParse(Form.Planned, out var planned))
            problems.Add(new ContentProblem("Form.Planned", localizer["Planned time"], localizer["Give the planned day and time in Brussels, such as 2026-07-11 10:00 (a time the clocks skip in spring does not exist)."]));
        // Each variant's language becomes part of a file name (NAME.LANG.md): only a language tag, once, and never English.
        var languages = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { LocalText.Fallback };
        for (var i = 1; i < Form.Texts.Count; i++)
        {
            var given = Form.Texts[i].Language?.Trim() ?? "";
            if (given.Length == 0) continue;
            var field = $"Form.Texts[{i}].Language";
            if (!Audience.Languages.TryNormalise(given, out var tag) || tag!.Contains('.') || tag.Contains('/'))
                problems.Add(new ContentProblem(field, localizer["Language"], localizer["'{0}' is not a language tag: give one such as it, fr or pt-BR.", given]));
            else if (!languages.Add(tag))
                problems.Add(new ContentProblem(field, localizer["Language"], localizer["{0} is written twice (English is the first text): remove one.", tag]));
            else Form.Texts[i].Language = tag;
        }
        if (problems.Count > 0)
        {
            Problems = problems;
            return Page();
        }
        if (Form.Texts.Count == 0) Form.Texts.Add(new MailingTextForm());
        Form.Texts[0].Language = LocalText.Fallback;
        var written = MailingMarkdown.Write(Form);
        var plan = CampaignYaml.Plan(Saved.Document).Where(p => p.File != Form.Slug + ".md").Append(new CampaignYaml.Planned(Form.Slug + ".md", planned));
        var (campaign, saved) = await SaveAsync(plan, written, Form.Slug, cancellationToken);
        if (campaign is null) return Page();
        var id = (await campaigns.MailingsAsync(campaign, cancellationToken)).First(m => m.Slug == Form.Slug).Id;
        var warnings = saved.Count(p => p.IsWarning);
        await activity.RecordAsync(User, Mailing is null ? "add-mailing" : "edit-mailing", $"{campaign.Hashtag} {Form.Slug} (campaign mailing {id})",
            $"Planned for {BrusselsTime.Show(planned)} (Brussels), written in {string.Join(", ", written.Keys.Select(f => MailingFileReader.LanguageOf(f, Form.Slug)))}.");
        TempData["Message"] = warnings == 0
            ? localizer["Saved the mailing {0}.", Form.Slug].Value
            : localizer["Saved the mailing {0}, with {1} warnings about the campaign's mailings.", Form.Slug, warnings].Value;
        return Redirect($"/admin/content/campaign-mailing/{campaign.Slug}/{Form.Slug}");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string slug, string? mailing, string? confirmed, CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return Forbid();
        if (!await LoadAsync(slug, mailing, cancellationToken) || Mailing is null) return NotFound();
        if (!CanSave) return PastDraft();
        if (confirmed != "yes")
        {
            Form = MailingMarkdown.Read(Mailing.Slug, Mailing.FileTexts(), BrusselsTime.Field(Mailing.PlannedAt));
            ConfirmRemove = true;
            return Page();
        }
        var plan = CampaignYaml.Plan(Saved.Document).Where(p => p.File != Mailing.Slug + ".md");
        var (campaign, _) = await SaveAsync(plan, new Dictionary<string, GeneratedText>(), Mailing.Slug, cancellationToken);
        if (campaign is null) return Page();
        await activity.RecordAsync(User, "remove-mailing", $"{campaign.Hashtag} {Mailing.Slug} (campaign mailing {Mailing.Id})", $"Removed the draft \"{Mailing.Title}\".");
        TempData["Message"] = localizer["Removed the mailing {0}.", Mailing.Slug].Value;
        return Redirect($"/admin/content/campaigns/{campaign.Slug}");
    }

    public Task<IActionResult> OnPostAddLanguageAsync(string slug, string? mailing, CancellationToken cancellationToken) =>
        ChangeAsync(slug, mailing, () => Form.Texts.Add(new MailingTextForm()), cancellationToken);

    public Task<IActionResult> OnPostRemoveLanguageAsync(string slug, string? mailing, int index, CancellationToken cancellationToken) =>
        ChangeAsync(slug, mailing, () =>
        {
            if (index > 0 && index < Form.Texts.Count) Form.Texts.RemoveAt(index);
        }, cancellationToken);

    /// <summary>The problems about one form field.</summary>
    public IReadOnlyList<ContentProblem> ProblemsFor(string field) => Problems.Where(p => p.Field == field).ToList();

    // The campaign saved with this plan: the form's files written, the other mailings' files as saved.
    private async Task<(Campaign? Campaign, IReadOnlyList<ContentProblem> Problems)> SaveAsync(IEnumerable<CampaignYaml.Planned> plan,
        IReadOnlyDictionary<string, GeneratedText> written, string mailing, CancellationToken cancellationToken)
    {
        var yaml = CampaignYaml.Write(CampaignYaml.Read(Saved.Document), Saved.Document.Assets, plan, editing: mailing);
        var (campaign, problems) = await CampaignSources.SaveAsync(content, Saved.Campaign.Slug, yaml, written, Saved.Files(except: mailing), cancellationToken);
        if (campaign is null) Problems = problems;
        return (campaign, problems);
    }

    private IActionResult PastDraft()
    {
        Problems = [new ContentProblem(null, "", localizer["{0} is {1}; only a draft can be changed.", Mailing!.Title, Mailing.State.ToString().ToLowerInvariant()])];
        Form = MailingMarkdown.Read(Mailing.Slug, Mailing.FileTexts(), BrusselsTime.Field(Mailing.PlannedAt));
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    // The form is shown again with a language more or less; nothing is saved.
    private async Task<IActionResult> ChangeAsync(string slug, string? mailing, Action change, CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return Forbid();
        if (!await LoadAsync(slug, mailing, cancellationToken)) return NotFound();
        if (!CanSave) return PastDraft();
        change();
        ModelState.Clear();
        return Page();
    }

    private async Task<bool> LoadAsync(string slug, string? mailing, CancellationToken cancellationToken)
    {
        if (await CampaignSources.LoadAsync(campaigns, slug, cancellationToken) is not { } saved) return false;
        Saved = saved;
        if (mailing is null) return true;
        Mailing = saved.Mailings.FirstOrDefault(m => m.Slug == mailing);
        return Mailing is not null;
    }
}
