using System.Text.Json;
using System.Text.Json.Nodes;
using CecopComms.Storage;
using Microsoft.Data.Sqlite;

namespace CecopComms.Tests.Infrastructure;

/// <summary>
/// A temporary folder with its own appsettings.json whose Storage section points at a database of its own: a SQLite
/// file inside it, or (CECOP_TEST_STORAGE=postgres) a PostgreSQL database on the run's shared server, with the token
/// secret several nodes need. CLI tests run the executable with this folder as working directory; store tests open
/// the database directly. Deleted (and its PostgreSQL database dropped) on dispose.
/// </summary>
public sealed class TempWorkspace : IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public TempWorkspace() : this(sqlite: false) { }

    /// <param name="sqlite">On SQLite whatever database the suite runs on (a test about the SQLite file, or a copy from it).</param>
    public TempWorkspace(bool sqlite)
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cecop-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        DatabasePath = System.IO.Path.Combine(Root, "data", "cecop.db");
        if (TestStorage.IsPostgres && !sqlite)
        {
            _postgresName = "w_" + Guid.NewGuid().ToString("N");
            StorageOptions = new StorageOptions
            {
                Provider = "postgres", ConnectionString = TestStorage.CreateDatabase(_postgresName), FilesPath = System.IO.Path.Combine(Root, "data"),
            };
        }
        else StorageOptions = new StorageOptions { Provider = "sqlite", Path = DatabasePath };
        WriteSettings(new JsonObject { ["Storage"] = StorageSection() });
    }

    private readonly string? _postgresName;

    /// <summary>This workspace's storage: what its appsettings.json says.</summary>
    public StorageOptions StorageOptions { get; }

    /// <summary>The Storage section of this workspace's settings, as JSON.</summary>
    public JsonObject StorageSection() => StorageOptions.IsPostgres
        ? new JsonObject { ["Provider"] = "postgres", ["ConnectionString"] = StorageOptions.ConnectionString, ["FilesPath"] = StorageOptions.FilesPath }
        : new JsonObject { ["Provider"] = "sqlite", ["Path"] = DatabasePath };

    /// <summary>
    /// The settings this workspace's database needs, as flat configuration keys for an in-memory configuration: the
    /// Storage section, and on PostgreSQL the token secret.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string?>> StorageKeys()
    {
        foreach (var (key, value) in StorageSection()) yield return new("Storage:" + key, value?.GetValue<string>());
        if (StorageOptions.IsPostgres) yield return new("Delivery:TokenSecret", TestStorage.TokenSecret);
    }

    /// <summary>Puts this workspace's storage into in-memory settings, replacing any Storage keys; the token secret only where none is set.</summary>
    public Dictionary<string, string?> WithStorage(Dictionary<string, string?> settings)
    {
        foreach (var key in settings.Keys.Where(k => k.StartsWith("Storage:", StringComparison.Ordinal)).ToList()) settings.Remove(key);
        foreach (var (key, value) in StorageKeys())
            if (key.StartsWith("Storage:", StringComparison.Ordinal) || !settings.ContainsKey(key)) settings[key] = value;
        return settings;
    }

    /// <summary>A <see cref="Database"/> on this workspace's storage, migrations not applied.</summary>
    public Database NewDatabase() => new(StorageOptions);

    /// <summary>The folder; the working directory of processes started in it.</summary>
    public string Root { get; }

    /// <summary>Absolute path of the SQLite file named in this workspace's appsettings.json.</summary>
    public string DatabasePath { get; }

    /// <summary>Absolute path of a file or folder inside the workspace.</summary>
    public string Path(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>Writes a text file (folders created) and returns its absolute path.</summary>
    public string WriteFile(string relative, string content)
    {
        var path = Path(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Replaces the workspace's appsettings.json.</summary>
    /// <remarks>
    /// A Storage section naming this workspace's SQLite file is replaced by the workspace's own storage, so tests written
    /// for SQLite run on PostgreSQL too; on PostgreSQL the token secret is added where none is set.
    /// </remarks>
    public void WriteSettings(JsonObject settings)
    {
        if (StorageOptions is { IsPostgres: true })
        {
            if (settings["Storage"] is JsonObject storage && (storage["Path"]?.GetValue<string>() is null || storage["Path"]!.GetValue<string>() == DatabasePath))
                settings["Storage"] = StorageSection();
            if (settings["Delivery"] is not JsonObject delivery) settings["Delivery"] = delivery = new JsonObject();
            if (delivery["TokenSecret"] is null) delivery["TokenSecret"] = TestStorage.TokenSecret;
        }
        WriteFile("appsettings.json", settings.ToJsonString(Indented));
    }

    /// <summary>A <see cref="Database"/> on this workspace's file with every migration applied.</summary>
    public async Task<Database> OpenDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var database = NewDatabase();
        await new Migrator(database, TestClocks.At()).MigrateAsync(cancellationToken);
        return database;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (_postgresName is not null)
        {
            try { TestStorage.DropDatabase(_postgresName); }
            catch (Npgsql.NpgsqlException) { /* the cluster goes at the end of the run anyway */ }
        }
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* a process still holding a file: the OS temp cleaner gets it */ }
        catch (UnauthorizedAccessException) { }
    }
}
