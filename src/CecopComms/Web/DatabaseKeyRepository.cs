using System.Xml.Linq;
using CecopComms.Storage;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace CecopComms.Web;

/// <summary>
/// Keeps ASP.NET Core's data-protection keys (which protect the antiforgery and sign-in cookies) in the database's
/// data_protection_keys table, so every node of one database accepts the cookies the others made, and a restart keeps
/// them valid. On SQLite the keys a former version kept in the web-keys folder beside the database are copied in on
/// first use, so cookies made before an upgrade stay valid; the folder is only read.
/// </summary>
public sealed class DatabaseKeyRepository(Database database, TimeProvider time) : IXmlRepository
{
    /// <summary>The folder the keys were kept in before (SQLite only): beside the database file.</summary>
    public const string LegacyFolderName = "web-keys";

    private readonly DataProtectionQueries _queries = QueryLoader.Load<DataProtectionQueries>(database.Dialect, "data-protection");
    private int _legacyCopied;

    // The data-protection system reads and writes its keys synchronously, and rarely (at the first request, then about
    // once a day, or when a cookie names a key it does not know yet). The calls are Npgsql's asynchronous ones, waited on:
    // the synchronous ones' timeouts misfire when the process's wall clock is shifted (see SettingsStore.Load).
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        if (Interlocked.Exchange(ref _legacyCopied, 1) == 0) CopyLegacyKeys();
        using var connection = database.OpenAsync().GetAwaiter().GetResult();
        return connection.QueryAsync<string>(_queries.ListKeys).GetAwaiter().GetResult().Select(xml => XElement.Parse(xml)).ToList();
    }

    public void StoreElement(XElement element, string? friendlyName) =>
        Insert(string.IsNullOrEmpty(friendlyName) ? "key-" + Guid.NewGuid().ToString("D") : friendlyName, element);

    private void Insert(string name, XElement element)
    {
        using var connection = database.OpenAsync().GetAwaiter().GetResult();
        connection.ExecuteAsync(_queries.InsertKey, new { Name = name, Xml = element.ToString(SaveOptions.DisableFormatting), Now = time.GetUtcNow() }).GetAwaiter().GetResult();
    }

    private void CopyLegacyKeys()
    {
        if (database.IsPostgres) return;
        var folder = new DirectoryInfo(Path.Combine(Path.GetDirectoryName(database.FilePath)!, LegacyFolderName));
        if (!folder.Exists) return;
        foreach (var file in folder.EnumerateFiles("*.xml"))
            Insert(Path.GetFileNameWithoutExtension(file.Name), XElement.Load(file.FullName));
    }
}

/// <summary>Named queries of Storage/Sql/{dialect}/data-protection.sql.</summary>
public sealed class DataProtectionQueries
{
    public string ListKeys { get; set; } = "";
    public string InsertKey { get; set; } = "";
}
