using System.Security.Claims;
using CecopComms.Storage;
using Microsoft.Extensions.Logging;

namespace CecopComms.Web.Admin;

/// <summary>
/// The activity log: imports, sends, schedules, cancellations, erasures, deletions, role changes, campaign changes and
/// settings changes (secrets only said to be set, replaced or removed), each with who did it: the staff member signed in
/// to the admin area, or the system account that ran the command line (<see cref="CommandLineActor"/>). Recording is
/// best-effort: it runs after the action succeeded, and a failure
/// to record is logged as a warning and does not undo the action. Rows are never changed or deleted.
/// </summary>
public sealed class ActivityLog(Database database, TimeProvider time, ILogger<ActivityLog>? logger = null)
{
    /// <summary>Lines on one page of /admin/activity.</summary>
    public const int PageSize = 100;

    /// <summary>The kinds of action recorded, in the order the filter offers them.</summary>
    public static readonly IReadOnlyList<string> Actions =
        ["import", "send", "schedule", "cancel-schedule", "pause", "resume", "cancel-mailing", "erase", "delete-list", "delete-organisation", "role-change",
            "create-campaign", "edit-campaign", "add-mailing", "edit-mailing", "remove-mailing", "settings"];

    private readonly ActivityQueries _queries = QueryLoader.Load<ActivityQueries>(database.Dialect, "activity");

    /// <summary>
    /// Records that the signed-in <paramref name="staff"/> member did <paramref name="action"/> to <paramref name="subject"/>.
    /// Never throws: a failure is logged as a warning. Not cancelled with the request, as the action it records is done.
    /// </summary>
    public Task<bool> RecordAsync(ClaimsPrincipal staff, string action, string subject, string detail) =>
        RecordAsync(staff.FindFirst(ClaimTypes.Email)?.Value ?? "unknown", action, subject, detail);

    /// <summary>Who a command-line action is recorded as: the system account that ran it, "maria (command line)".</summary>
    public static string CommandLineActor() => $"{Environment.UserName} (command line)";

    /// <summary>As <see cref="RecordAsync(ClaimsPrincipal, string, string, string)"/>, done by <paramref name="actor"/> as written.</summary>
    /// <returns>Whether the line was recorded.</returns>
    public async Task<bool> RecordAsync(string actor, string action, string subject, string detail)
    {
        try
        {
            await database.ExecuteScalarAsync<object?>(_queries.InsertActivity,
                new { At = time.GetUtcNow(), Actor = actor, Action = action, Subject = subject, Detail = detail }, CancellationToken.None);
            return true;
        }
        catch (Exception e)
        {
            logger?.LogWarning(e, "The activity log did not record {Action} of {Subject} by {Actor}.", action, subject, actor);
            return false;
        }
    }

    /// <summary>One page of the log under <paramref name="filter"/>, newest first.</summary>
    public async Task<ActivityPage> ListAsync(ActivityFilter filter, CancellationToken cancellationToken)
    {
        var rows = await database.QueryListAsync<ActivityEntry>(_queries.ListActivity, new
        {
            filter.Action,
            filter.Actor,
            filter.From,
            filter.Until,
            filter.Before,
            Limit = PageSize + 1,
        }, cancellationToken);
        return rows.Count > PageSize ? new ActivityPage(rows.Take(PageSize).ToList(), rows[PageSize - 1].Id) : new ActivityPage(rows, null);
    }

    /// <summary>Everyone who has a line in the log, by address, for the staff filter.</summary>
    public Task<IReadOnlyList<string>> ActorsAsync(CancellationToken cancellationToken) =>
        database.QueryListAsync<string>(_queries.ActivityActors, null, cancellationToken);
}
