using CecopComms.Storage;

namespace CecopComms.Audience.Import;

/// <summary>The time an import batch stamps on what it writes, as each provider binds it.</summary>
internal static class ImportClock
{
    /// <summary>A timestamptz (a UTC DateTimeOffset) on PostgreSQL; SQLite's sortable text otherwise.</summary>
    public static object Now(TimeProvider time, bool postgres) => postgres ? time.GetUtcNow() : DbTime.ToText(time.GetUtcNow());
}
