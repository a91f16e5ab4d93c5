using CecopComms.Audience.Segments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages.Admin.Audiences;

/// <summary>One segment: its filter and how many people it matches now (the count `cecop segments show` prints).</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SegmentModel(SegmentStore segments) : PageModel
{
    public Segment? Segment { get; private set; }

    public SegmentFilter? Filter { get; private set; }

    public long Count { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Segment = await segments.FindAsync(slug, cancellationToken);
        if (Segment is null) return NotFound();
        Filter = SegmentFilter.FromJson(Segment.Filter);
        Count = await segments.CountAsync(Filter, cancellationToken);
        return Page();
    }
}
