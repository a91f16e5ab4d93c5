using CecopComms.Content;
using CecopComms.Content.Editions;
using CecopComms.Content.Validation;
using CecopComms.Localization;
using CecopComms.Web.Admin.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CecopComms.Web.Pages.Admin.Content;

/// <summary>
/// One edition: its details and news items, and what `cecop editions validate` says of it (compiled as it would be
/// sent: templates, Markdown, links, every language), errors and warnings with their place: the compose form's field
/// (a link to it) for an edition saved from the form, else the file (or the YAML source tab), line and column.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ContentEditionModel(EditionStore editions, MailingContent content, IStringLocalizer<StaffText> localizer) : PageModel
{
    public Edition Edition { get; private set; } = new();
    public EditionDocument? Document { get; private set; }

    /// <summary>The validation's verdict: "valid (…)" or the sentence that says it is not.</summary>
    public string Verdict { get; private set; } = "";
    public bool Valid { get; private set; }
    public IReadOnlyList<ContentProblem> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            Edition = await editions.GetAsync(id, cancellationToken);
        }
        catch (ContentNotFoundException)
        {
            return NotFound();
        }
        Document = EditionReader.Read(new SourceText(Edition.SourceName, Edition.Source), new Diagnostics());
        // Saved from the compose form: each problem is shown on its field there, not at a line of YAML the officer never saw.
        var fields = EditionSource.Fields(Edition);
        try
        {
            var mailing = await content.CompileMailingAsync(new MailingSource(MailingSourceKind.Edition, id), cancellationToken);
            Valid = true;
            Verdict = localizer["Valid: {0}; languages {1}; {2} links.", mailing.Title, string.Join(", ", mailing.Languages), mailing.Links.Count];
            Problems = ContentProblems.FromDiagnostics(mailing.Diagnostics.Items, Edition.SourceName, fields);
        }
        catch (ContentValidationException e)
        {
            Verdict = e.Message.Split('\n')[0];
            Problems = ContentProblems.FromMessage(e.Message, Edition.SourceName, fields);
        }
        return Page();
    }
}
