using CecopComms.Web.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Cli;

/// <summary>
/// Records a command's action in the activity log the admin area shows, as the system account that ran it
/// (<see cref="ActivityLog.CommandLineActor"/>), with the same actions and wording as the web records. The action is
/// done by then: a line that could not be written is said on standard error and does not fail the command.
/// </summary>
public static class CommandLineActivity
{
    public static async Task RecordAsync(IServiceProvider services, string action, string subject, string detail)
    {
        if (!await services.GetRequiredService<ActivityLog>().RecordAsync(ActivityLog.CommandLineActor(), action, subject, detail))
            await Console.Error.WriteLineAsync($"Warning: done, but the activity log could not record it ({action}: {subject}).");
    }
}
