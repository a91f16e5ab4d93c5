using System.Text.Json;
using CecopComms.Storage;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Primitives;

namespace CecopComms.Hosting.Settings;

/// <summary>
/// The settings kept in the database (table settings, one JSON row per section of <see cref="SettingsSections"/>).
/// Options read them through <see cref="StoredSettingsOverlay"/>, on top of the files and the environment; a save
/// signals <see cref="ChangeToken"/>, so every IOptionsMonitor recomputes and the parts built from the settings are
/// rebuilt without a restart. Read once and kept until the next save (or <see cref="Refresh"/>).
/// </summary>
/// <remarks>
/// Every save raises settings_revision in its transaction. Every <see cref="CheckInterval"/> (on the injected clock) the
/// store reads that counter and, when it moved since the sections were read, forgets them and signals the change: a save
/// made by another node of the database, or by the command line, reaches this process within that interval.
/// </remarks>
public sealed class SettingsStore : IDisposable
{
    /// <summary>How often the store looks whether another process saved the settings.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(5);

    private readonly Database database;
    private readonly TimeProvider time;
    private readonly SettingsQueries _queries;
    private readonly ITimer _check;
    private volatile IReadOnlyDictionary<string, StoredSection>? _cache;
    // The revision the cached sections were read at (read before them, so a save in between is seen at the next check).
    private long _cachedRevision;
    private int _checking;
    private long _checksMade;
    private CancellationTokenSource _changed = new();

    public SettingsStore(Database database, TimeProvider time)
    {
        this.database = database;
        this.time = time;
        _queries = QueryLoader.Load<SettingsQueries>(database.Dialect, "settings");
        // One shot, armed again after each check: a clock moved ahead by days (a test's fake clock, a host resumed
        // after a suspend) gives one check, not one per interval the move spans.
        _check = time.CreateTimer(_ => CheckThenRearm(), null, CheckInterval, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Every stored section by name; empty before the database has its settings table.</summary>
    public IReadOnlyDictionary<string, StoredSection> Current => _cache ?? Load();

    /// <summary>The stored values of <paramref name="section"/>, a fresh copy each call; null when the files' values apply.</summary>
    public T? Section<T>(string section) where T : class =>
        Current.TryGetValue(section, out var stored) ? JsonSerializer.Deserialize<T>(stored.Value, SettingsSections.Json) : null;

    /// <summary>Signalled when the stored settings change.</summary>
    public IChangeToken ChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    /// <summary>Writes <paramref name="sections"/> (name → values) in one transaction, as saved by <paramref name="actor"/>, then signals the change.</summary>
    public async Task SaveAsync(IReadOnlyDictionary<string, object> sections, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            foreach (var (section, value) in sections)
                await connection.ExecuteAsync(new CommandDefinition(_queries.SaveSetting, new
                {
                    Section = section,
                    Value = JsonSerializer.Serialize(value, value.GetType(), SettingsSections.Json),
                    UpdatedAt = now,
                    UpdatedBy = actor,
                }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(_queries.RaiseSettingsRevision, null, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }
        Refresh();
    }

    /// <summary>Forgets what was read and signals a change (after a save, or once the migrations made the table).</summary>
    public void Refresh()
    {
        _cache = null;
        var previous = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
    }

    // Options are computed synchronously, so the sections are read by waiting on the asynchronous calls. Not Npgsql's
    // synchronous ones: their read timeouts misfire when the process's wall clock is shifted (a node under libfaketime
    // in the chaos benchmark never started), while the asynchronous calls time out by the monotonic clock. Before the
    // first migration there is no file or no table: the files' values apply, and nothing is kept.
    private IReadOnlyDictionary<string, StoredSection> Load()
    {
        if (!database.IsPostgres && !File.Exists(database.FilePath)) return new Dictionary<string, StoredSection>();
        try
        {
            using var connection = database.OpenAsync().GetAwaiter().GetResult();
            var revision = connection.ExecuteScalarAsync<long>(_queries.SettingsRevision).GetAwaiter().GetResult();
            var rows = connection.QueryAsync<StoredSection>(_queries.ListSettings).GetAwaiter().GetResult().ToDictionary(s => s.Section, StringComparer.Ordinal);
            Interlocked.Exchange(ref _cachedRevision, revision);
            _cache = rows;
            return rows;
        }
        catch (SqliteException e) when (e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return new Dictionary<string, StoredSection>();
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            return new Dictionary<string, StoredSection>();
        }
    }

    /// <summary>
    /// Reads the revision; when the sections are cached and it moved, refreshes. Quiet when the database cannot answer
    /// (not migrated yet, shutting down, unreachable for a moment): the next check tries again.
    /// </summary>
    public void CheckForChange()
    {
        if (_cache is null || Interlocked.Exchange(ref _checking, 1) == 1) return;
        Interlocked.Increment(ref _checksMade);
        try
        {
            if (!database.IsPostgres && !File.Exists(database.FilePath)) return;
            using var connection = database.OpenAsync().GetAwaiter().GetResult();
            var revision = connection.ExecuteScalarAsync<long>(_queries.SettingsRevision).GetAwaiter().GetResult();
            if (_cache is not null && revision != Interlocked.Read(ref _cachedRevision)) Refresh();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or ObjectDisposedException or InvalidOperationException)
        {
        }
        finally
        {
            Volatile.Write(ref _checking, 0);
        }
    }

    /// <summary>How many times this store has read the revision since it was made (one per check).</summary>
    internal long ChecksMade => Interlocked.Read(ref _checksMade);

    private void CheckThenRearm()
    {
        CheckForChange();
        try
        {
            _check.Change(CheckInterval, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose() => _check.Dispose();
}
