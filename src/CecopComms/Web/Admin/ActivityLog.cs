using System.Security.Claims;
using CecopComms.Storage;
using Microsoft.Extensions.Logging;

namespace CecopComms.Web.Admin;

/// <summary>
/// The activity log of the admin area: imports, sends, schedules, cancellations, erasures, deletions, role changes and
/// settings changes (secrets only said to be set, replaced or removed),
/// each with the staff member who did it. Recording is best-effort: it runs after the action succeeded, and a failure
/// to record is logged as a warning and does not undo the action. Rows are never changed or deleted.
/// </summary>
public sealed class ActivityLog(Database database, TimeProvider time, ILogger<ActivityLog> logger)
{
    /// <summary>Lines on one page of /admin/activity.</summary>
    public const int PageSize = 100;

    /// <summary>The kinds of action recorded, in the order the filter offers them.</summary>
    public static readonly IReadOnlyList<string> Actions =
        ["import", "send", "schedule", "cancel-schedule", "pause", "resume", "cancel-mailing", "erase", "delete-list", "delete-organisation", "role-change", "settings"];

    private readonly ActivityQueries _queries = QueryLoader.Load<ActivityQueries>(database.Dialect, "activity");

    /// <summary>
    /// Records that the signed-in <paramref name="staff"/> member did <paramref name="action"/> to <paramref name="subject"/>.
    /// Never throws: a failure is logged as a warning. Not cancelled with the request, as the action it records is done.
    /// </summary>
    public async Task RecordAsync(ClaimsPrincipal staff, string action, string subject, string detail)
    {
        var actor = staff.FindFirst(ClaimTypes.Email)?.Value ?? "unknown";
        try
        {
            await database.ExecuteScalarAsync<object?>(_queries.InsertActivity,
                new { At = time.GetUtcNow(), Actor = actor, Action = action, Subject = subject, Detail = detail }, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The activity log did not record {Action} of {Subject} by {Actor}.", action, subject, actor);
        }
    }

    /// <summary>One page of the log under <paramref name="filter"/>, newest first.</summary>
    public async Task<ActivityPage> ListAsync(ActivityFilter filter, CancellationToken cancellationToken)
    {
        var rows = await database.QueryListAsync<ActivityEntry>(_queries.ListActivity, new
        {
            filter.Action,
            filter.Actor,
            From = filter.From is { } from ? DbTime.ToText(from) : null,
            Until = filter.Until is { } until ? DbTime.ToText(until) : null,
            filter.Before,
            Limit = PageSize + 1,
        }, cancellationToken);
        return rows.Count > PageSize ? new ActivityPage(rows.Take(PageSize).ToList(), rows[PageSize - 1].Id) : new ActivityPage(rows, null);
    }

    /// <summary>Everyone who has a line in the log, by address, for the staff filter.</summary>
    public Task<IReadOnlyList<string>> ActorsAsync(CancellationToken cancellationToken) =>
        database.QueryListAsync<string>(_queries.ActivityActors, null, cancellationToken);
}
