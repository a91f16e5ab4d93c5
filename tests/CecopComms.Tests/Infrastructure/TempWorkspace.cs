using System.Text.Json;
using System.Text.Json.Nodes;
using CecopComms.Storage;
using Microsoft.Data.Sqlite;

namespace CecopComms.Tests.Infrastructure;

/// <summary>
/// A temporary folder with its own appsettings.json whose Storage:Path points at a database file inside it.
/// CLI tests run the executable with this folder as working directory; store tests open the database directly.
/// Deleted on dispose.
/// </summary>
public sealed class TempWorkspace : IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public TempWorkspace()
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cecop-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        DatabasePath = System.IO.Path.Combine(Root, "data", "cecop.db");
        WriteSettings(new JsonObject { ["Storage"] = new JsonObject { ["Provider"] = "sqlite", ["Path"] = DatabasePath } });
    }

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
    public void WriteSettings(JsonObject settings) => WriteFile("appsettings.json", settings.ToJsonString(Indented));

    /// <summary>A <see cref="Database"/> on this workspace's file with every migration applied.</summary>
    public async Task<Database> OpenDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var database = new Database(new StorageOptions { Path = DatabasePath });
        await new Migrator(database, TestClocks.At()).MigrateAsync(cancellationToken);
        return database;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* a process still holding a file: the OS temp cleaner gets it */ }
        catch (UnauthorizedAccessException) { }
    }
}
