using System.Globalization;
using CecopComms.Content;
using CecopComms.Content.Editions;
using CecopComms.Content.Publications;
using CecopComms.Content.Validation;
using CecopComms.Localization;
using CecopComms.Web.Admin;
using CecopComms.Web.Admin.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CecopComms.Web.Pages.Admin.Content;

/// <summary>
/// Compose an edition from news items, without script: the edition's fields, one block per news item, one block per
/// language variant; "add another item" and "add a language" are submit buttons that show the form again with one more
/// empty block. Saving writes the YAML `cecop editions load` reads and saves it through the same service, so the same
/// checks run; each problem is shown next to the field it concerns. Only a draft can be changed (the service's rule).
/// The form shown again after adding or removing a block puts the keyboard focus (and so the view) on the block added,
/// or on the removed block's neighbour. "Preview this draft" renders the unsaved form as a sample reader gets it.
/// compose.js does the same in place: blocks added and removed without a round trip, a preview that follows the form.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ContentComposeModel(EditionStore editions, PublicationStore publications, MailingContent content, ContentPreview preview,
    TimeProvider time, IStringLocalizer<StaffText> localizer) : PageModel
{
    /// <summary>The name editions saved from this form carry as their source.</summary>
    public const string SourceName = EditionSource.ComposeForm;

    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public EditionForm Form { get; set; } = new();

    public Edition? Edition { get; private set; }
    public IReadOnlyList<Publication> Publications { get; private set; } = [];
    public IReadOnlyList<ContentProblem> Problems { get; private set; } = [];

    /// <summary>The language the draft is previewed in; empty for English.</summary>
    [BindProperty]
    public string? PreviewLanguage { get; set; }

    /// <summary>The field (or <see cref="AddItemButton"/>, <see cref="AddLanguageButton"/>) that has the focus when the form is shown again.</summary>
    public string? Focus { get; private set; }

    /// <summary>The id of the "add another news item" button.</summary>
    public const string AddItemButton = "add-item";

    /// <summary>The id of the "add a language variant" button.</summary>
    public const string AddLanguageButton = "add-language";

    /// <summary>A sentence when the saved source cannot be shown in the form.</summary>
    public string? Unreadable { get; private set; }

    /// <summary>Whether this user may save this edition: an editor, and a draft (or a new edition).</summary>
    public bool CanSave => User.CanEdit() && (Edition is null || Edition.State == ContentState.Draft);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return NotFound();
        if (Edition is null)
        {
            Form = new EditionForm { Publication = Publications.FirstOrDefault()?.Slug ?? "", Date = Today(), Items = [new NewsItemForm { Date = Today() }] };
            return Page();
        }
        var diagnostics = new Diagnostics();
        var document = EditionReader.Read(new SourceText(Edition.SourceName, Edition.Source), diagnostics);
        if (document is null || diagnostics.HasErrors)
            Unreadable = localizer["This edition's YAML has errors the form cannot show; correct them in the YAML source."];
        else Form = EditionYaml.Read(document, Edition.Number);
        Form.Align();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return Forbid();
        if (!await LoadAsync(cancellationToken)) return NotFound();
        var generated = EditionYaml.Write(Form);
        try
        {
            var (edition, mailing) = await content.SaveEditionAsync(new SourceText(SourceName, generated.Yaml), cancellationToken);
            var warnings = mailing.Diagnostics.Items.Count;
            TempData["Message"] = SavedEdition.Message(localizer, edition, warnings);
            return Redirect($"/admin/content/editions/{edition.Id}");
        }
        catch (ContentValidationException e)
        {
            Problems = ContentProblems.FromMessage(e.Message, SourceName, generated);
            return Page();
        }
    }

    /// <summary>
    /// The unsaved form as a sample reader in <see cref="PreviewLanguage"/> would receive it, in its own window or the
    /// page's preview frame, under the preview's policy; what stops it is said in plain text, placed on the form's fields.
    /// </summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return Forbid();
        if (!await LoadAsync(cancellationToken)) return NotFound();
        var generated = EditionYaml.Write(Form);
        try
        {
            var language = string.IsNullOrWhiteSpace(PreviewLanguage) ? null : PreviewLanguage.Trim();
            return PreviewPage.Result(HttpContext, await preview.RenderDraftAsync(new SourceText(SourceName, generated.Yaml), language, cancellationToken));
        }
        catch (ContentValidationException e)
        {
            var problems = ContentProblems.FromMessage(e.Message, SourceName, generated).Where(p => !p.IsWarning)
                .Select(p => p.Place.Length > 0 ? $"- {p.Place}: {p.Message}" : $"- {p.Message}");
            // A draft half written is the usual state of a draft, not a failed request: the frame shows what is missing.
            return PreviewPage.Problem(HttpContext, localizer["The draft cannot be shown yet:"] + "\n" + string.Join("\n", problems), StatusCodes.Status200OK);
        }
    }

    public Task<IActionResult> OnPostAddItemAsync(CancellationToken cancellationToken) => ChangeAsync(() =>
    {
        Form.Items.Add(new NewsItemForm { Date = Today() });
        Focus = $"Form.Items[{Form.Items.Count - 1}].Date";
    }, cancellationToken);

    public Task<IActionResult> OnPostRemoveItemAsync(int index, CancellationToken cancellationToken) => ChangeAsync(() =>
    {
        if (index < 0 || index >= Form.Items.Count) return;
        Form.Align();
        Form.Items.RemoveAt(index);
        foreach (var variant in Form.Variants)
        {
            variant.Titles.RemoveAt(index);
            variant.Summaries.RemoveAt(index);
            variant.ImageAlts.RemoveAt(index);
        }
        // The block that took its place, else the one before it, else the button that adds one.
        Focus = Form.Items.Count == 0 ? AddItemButton : $"Form.Items[{Math.Min(index, Form.Items.Count - 1)}].Date";
    }, cancellationToken);

    public Task<IActionResult> OnPostAddLanguageAsync(CancellationToken cancellationToken) => ChangeAsync(() =>
    {
        Form.Variants.Add(new EditionVariantForm());
        Focus = $"Form.Variants[{Form.Variants.Count - 1}].Language";
    }, cancellationToken);

    public Task<IActionResult> OnPostRemoveLanguageAsync(int index, CancellationToken cancellationToken) => ChangeAsync(() =>
    {
        if (index < 0 || index >= Form.Variants.Count) return;
        Form.Variants.RemoveAt(index);
        Focus = Form.Variants.Count == 0 ? AddLanguageButton : $"Form.Variants[{Math.Min(index, Form.Variants.Count - 1)}].Language";
    }, cancellationToken);

    /// <summary>The problems about one form field.</summary>
    public IEnumerable<ContentProblem> ProblemsFor(string field) => Problems.Where(p => p.Field == field);

    /// <summary>The id of a field's problem text, for aria-describedby; null when it has none.</summary>
    public string? ProblemId(string field) => ProblemsFor(field).Any() ? Html(field) + "-problem" : null;

    /// <summary>The HTML id the tag helpers give the field (Form.Items[0].Link → Form_Items_0__Link).</summary>
    public static string Html(string field) => field.Replace('.', '_').Replace('[', '_').Replace(']', '_');

    // The form is shown again with a block more or less; nothing is saved.
    private async Task<IActionResult> ChangeAsync(Action change, CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return Forbid();
        if (!await LoadAsync(cancellationToken)) return NotFound();
        change();
        Form.Align();
        ModelState.Clear();
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        // The site's policy, plus frames from this site: compose.js shows the draft's preview in a sandboxed frame.
        Response.Headers.ContentSecurityPolicy = SecurityHeaders.ContentSecurityPolicy + "; frame-src 'self'";
        Publications = await publications.ListAsync(cancellationToken);
        if (Id is not { } id) return true;
        try
        {
            Edition = await editions.GetAsync(id, cancellationToken);
            return true;
        }
        catch (ContentNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The date a news item added to the form starts with: today in Brussels.</summary>
    public string NewItemDate => Today();

    private string Today() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels")).DateTime)
            .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
