using CecopComms.Audience;
using CecopComms.Audience.Segments;
using CecopComms.Localization;
using CecopComms.Web.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CecopComms.Web.Pages.Admin.Audiences;

/// <summary>
/// Segments with their live counts, and a form that creates one with the conditions of `cecop segments create --where`:
/// country, language, list, category and one attribute; each field left empty is no condition.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SegmentsModel(SegmentStore segments, ListStore lists, IStringLocalizer<StaffText> localizer) : PageModel
{
    public IReadOnlyList<(Segment Segment, SegmentFilter Filter, long Count)> Segments { get; private set; } = [];

    public IReadOnlyList<MailingList> Lists { get; private set; } = [];

    public string? Problem { get; private set; }

    [BindProperty] public string Slug { get; set; } = "";
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string? Country { get; set; }
    [BindProperty] public string? Language { get; set; }
    [BindProperty] public string? List { get; set; }
    [BindProperty] public string? Category { get; set; }
    [BindProperty] public string? AttributeName { get; set; }
    /// <summary>"=" (equals, any case) or "~" (contains).</summary>
    [BindProperty] public string AttributeOperator { get; set; } = "=";
    [BindProperty] public string? AttributeValue { get; set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return Forbid();
        try
        {
            var segment = await segments.CreateAsync(Slug.Trim(), Name, SegmentFilterParser.Parse(Conditions()), cancellationToken);
            TempData["Message"] = localizer["Created the segment {0} ({1}).", segment.Name, segment.Slug].Value;
            return RedirectToPage("Segment", new { slug = segment.Slug });
        }
        catch (AudienceException e)
        {
            // The parser's sentence; the --where syntax is only its command-line hint.
            Problem = e.Message;
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    /// <summary>The form's fields in the --where syntax the CLI takes.</summary>
    private List<string> Conditions()
    {
        var conditions = new List<string>();
        void Add(string field, string? value) { if (!string.IsNullOrWhiteSpace(value)) conditions.Add($"{field}={value.Trim()}"); }
        Add("country", Country);
        Add("language", Language);
        Add("list", List);
        Add("category", Category);
        if (!string.IsNullOrWhiteSpace(AttributeName) || !string.IsNullOrWhiteSpace(AttributeValue))
        {
            if (string.IsNullOrWhiteSpace(AttributeName) || string.IsNullOrWhiteSpace(AttributeValue))
                throw new AudienceException(localizer["An attribute condition needs both the attribute's name and a value."]);
            conditions.Add($"attr:{AttributeName.Trim()}{(AttributeOperator == "~" ? "~" : "=")}{AttributeValue.Trim()}");
        }
        if (conditions.Count == 0) throw new AudienceException(localizer["A segment needs at least one condition: fill in a country, language, list, category or attribute."]);
        return conditions;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Lists = await lists.ListAsync(cancellationToken);
        var rows = new List<(Segment, SegmentFilter, long)>();
        foreach (var segment in await segments.ListAsync(cancellationToken))
        {
            var filter = SegmentFilter.FromJson(segment.Filter);
            rows.Add((segment, filter, await segments.CountAsync(filter, cancellationToken)));
        }
        Segments = rows;
    }
}
