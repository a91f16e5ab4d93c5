using System.ComponentModel.DataAnnotations;

namespace CecopComms.Storage;

/// <summary>Where the data lives. Bound from the "Storage" section.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary>Database engine: "sqlite" (embedded default, one machine) or "postgres" (one or several nodes).</summary>
    [Required, RegularExpression("^(sqlite|postgres)$", ErrorMessage = "Storage:Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>SQLite file path, relative to the working directory; created on first use. Not used with PostgreSQL.</summary>
    public string Path { get; set; } = "data/cecop.db";

    /// <summary>PostgreSQL: an Npgsql connection string ("Host=…;Database=…;Username=…;Password=…"). Not used with SQLite.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The folder for uploaded imports waiting to be confirmed and imports' error reports. Empty: the SQLite file's
    /// folder, or "data" with PostgreSQL. With several nodes it must be one folder they all mount (NFS or similar), so an
    /// upload made through one node is found by the next request, whichever node answers it.
    /// </summary>
    public string? FilesPath { get; set; }

    public bool IsPostgres => string.Equals(Provider, "postgres", StringComparison.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(ConnectionString))
                yield return new ValidationResult("Storage:ConnectionString must name the PostgreSQL database when Storage:Provider is 'postgres', e.g. \"Host=db.example.org;Database=cecop;Username=cecop;Password=…\".", [nameof(ConnectionString)]);
            else
            {
                string? problem = null;
                try { _ = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString); }
                catch (ArgumentException e) { problem = e.Message; }
                if (problem is not null)
                    yield return new ValidationResult($"Storage:ConnectionString is not a PostgreSQL connection string: {problem}", [nameof(ConnectionString)]);
            }
        }
        else if (string.IsNullOrWhiteSpace(Path))
            yield return new ValidationResult("Storage:Path must name the SQLite database file.", [nameof(Path)]);
    }
}
