using System.Globalization;
using System.Text.RegularExpressions;
using CecopComms.Content;
using CecopComms.Content.Editions;
using CecopComms.Content.Validation;
using CecopComms.Localization;
using CecopComms.Web.Admin;
using CecopComms.Web.Admin.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CecopComms.Web.Pages.Admin.Content;

/// <summary>
/// An edition's YAML edited as text, saved through the same service as `cecop editions load` (so the same checks run);
/// problems are listed with their line and column. Only a draft can be changed (the service's rule).
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed partial class ContentSourceModel(EditionStore editions, MailingContent content, TimeProvider time, IStringLocalizer<StaffText> localizer) : PageModel
{
    /// <summary>The name editions saved from this page carry as their source.</summary>
    public const string SourceName = EditionSource.YamlTab;

    [GeneratedRegex(@"(?m)^number:")]
    private static partial Regex NumberLine();

    [GeneratedRegex(@"(?m)^publication:.*$")]
    private static partial Regex PublicationLine();

    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public string Source { get; set; } = "";

    public Edition? Edition { get; private set; }
    public IReadOnlyList<ContentProblem> Problems { get; private set; } = [];

    public bool CanSave => User.CanEdit() && (Edition is null || Edition.State == ContentState.Draft);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return NotFound();
        if (Edition is null)
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels")).DateTime);
            Source = string.Create(CultureInfo.InvariantCulture, $"publication: cecop-newsletter\ndate: {today:yyyy-MM-dd}\nsubject:\n  en: \"\"\nintro:\n  en: |\n    Write the introduction here.\nitems: []\n");
        }
        // The number ties the text to this edition: without it, saving would make a new edition.
        else Source = NumberLine().IsMatch(Edition.Source)
            ? Edition.Source
            : PublicationLine().Replace(Edition.Source, m => $"{m.Value}\nnumber: {Edition.Number.ToString(CultureInfo.InvariantCulture)}", 1);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return Forbid();
        if (!await LoadAsync(cancellationToken)) return NotFound();
        var text = new SourceText(SourceName, Source.Replace("\r\n", "\n"));
        if (Edition is not null && EditionReader.Read(text, new Diagnostics()) is { Number: null })
        {
            Problems = [new ContentProblem(null, "", localizer["Keep the line 'number: {0}': without it the text would be saved as a new edition, not as {1}.", Edition.Number, Edition.Title])];
            return Page();
        }
        try
        {
            var (edition, mailing) = await content.SaveEditionAsync(text, cancellationToken);
            var warnings = mailing.Diagnostics.Items.Count;
            TempData["Message"] = SavedEdition.Message(localizer, edition, warnings);
            return Redirect($"/admin/content/editions/{edition.Id}");
        }
        catch (ContentValidationException e)
        {
            Problems = ContentProblems.FromMessage(e.Message, SourceName, null);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
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
}
