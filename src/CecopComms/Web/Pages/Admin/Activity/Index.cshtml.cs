using System.Globalization;
using CecopComms.Localization;
using CecopComms.Scheduling;
using CecopComms.Web.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CecopComms.Web.Pages.Admin.Activity;

/// <summary>
/// /admin/activity: who did what and when, newest first, <see cref="ActivityLog.PageSize"/> lines a page with a link to
/// older ones; filtered by kind of action, by staff member and by dates (days in the scheduling zone, both included)
/// through a GET form. Every staff member reads it.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ActivityModel(ActivityLog log, IOptions<SchedulingOptions> scheduling, IStringLocalizer<StaffText> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    /// <summary>The first day shown, yyyy-MM-dd.</summary>
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    /// <summary>The last day shown, yyyy-MM-dd.</summary>
    [BindProperty(SupportsGet = true)] public string? Until { get; set; }
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }

    /// <summary>The zone times are shown in (Scheduling:TimeZone).</summary>
    public string Zone => scheduling.Value.TimeZone;

    public ActivityPage Log { get; private set; } = new([], null);
    public IReadOnlyList<string> Actors { get; private set; } = [];
    public List<string> Problems { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Actors = await log.ActorsAsync(cancellationToken);
        var from = Day(From, localizer["The first day is not a date: give it as 2026-12-31."]);
        var until = Day(Until, localizer["The last day is not a date: give it as 2026-12-31."])?.AddDays(1);
        if (Problems.Count > 0) return;
        Log = await log.ListAsync(new ActivityFilter(Blank(Action), Blank(Actor), from, until, Before), cancellationToken);
    }

    /// <summary>The address of the next (older) page, with the same filters.</summary>
    public string OlderUrl(long before) => Url.Page("Index", new { Action = Blank(Action), Actor = Blank(Actor), From = Blank(From), Until = Blank(Until), Before = before })!;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // The start of a day in the scheduling zone, as a UTC time; null when not given, and a problem when not a date.
    private DateTimeOffset? Day(string? text, string problem)
    {
        if (Blank(text) is not { } day) return null;
        if (!DateTime.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Problems.Add(problem);
            return null;
        }
        return TimeZoneInfo.ConvertTimeToUtc(date, ScheduledSend.Zone(Zone));
    }
}
