using System.Globalization;
using System.Text;
using CecopComms.Audience.Segments;
using CecopComms.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace CecopComms.Web.Pages.Admin.Audiences;

/// <summary>
/// One segment: its filter and how many people it matches now (the count `cecop segments show` prints), and those people
/// as a CSV file to download, which viewers may read too.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SegmentModel(SegmentStore segments, IOptions<SchedulingOptions> scheduling, TimeProvider time) : PageModel
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

    /// <summary>
    /// The people the segment matches now, as CSV (UTF-8 with a byte-order mark for spreadsheet programs), named
    /// segment-SLUG-YYYY-MM-DD.csv after today's date in the admin area's time zone (Europe/Brussels).
    /// </summary>
    public async Task<IActionResult> OnGetExportAsync(string slug, CancellationToken cancellationToken)
    {
        if (await segments.FindAsync(slug, cancellationToken) is not { } segment) return NotFound();
        var text = new StringWriter(CultureInfo.InvariantCulture);
        await segments.WriteCsvAsync(segment, text, cancellationToken);
        var today = TimeZoneInfo.ConvertTime(time.GetUtcNow(), scheduling.Value.Zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"segment-{segment.Slug}-{today}.csv");
    }
}
