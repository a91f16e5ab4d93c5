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
public sealed class SettingsStore(Database database, TimeProvider time)
{
    private readonly SettingsQueries _queries = QueryLoader.Load<SettingsQueries>(database.Dialect, "settings");
    private volatile IReadOnlyDictionary<string, StoredSection>? _cache;
    private CancellationTokenSource _changed = new();

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

    // Options are computed synchronously, so the sections are read synchronously too (SQLite does the same work either
    // way). Before the first migration there is no file or no table: the files' values apply, and nothing is kept.
    private IReadOnlyDictionary<string, StoredSection> Load()
    {
        if (!database.IsPostgres && !File.Exists(database.FilePath)) return new Dictionary<string, StoredSection>();
        try
        {
            using var connection = database.OpenAsync().GetAwaiter().GetResult();
            var rows = connection.Query<StoredSection>(_queries.ListSettings).ToDictionary(s => s.Section, StringComparer.Ordinal);
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
}
