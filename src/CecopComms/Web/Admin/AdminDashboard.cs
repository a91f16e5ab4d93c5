using CecopComms.Storage;

namespace CecopComms.Web.Admin;

/// <summary>What the admin home page shows.</summary>
public sealed class AdminDashboard(Database database)
{
    private readonly AdminQueries _queries = QueryLoader.Load<AdminQueries>(database.Dialect, "admin");

    /// <summary>Mailings scheduled, running or paused, newest first (100 at most).</summary>
    public Task<IReadOnlyList<MailingInProgress>> MailingsInProgressAsync(CancellationToken cancellationToken) =>
        database.QueryListAsync<MailingInProgress>(_queries.MailingsInProgress, null, cancellationToken);
}
