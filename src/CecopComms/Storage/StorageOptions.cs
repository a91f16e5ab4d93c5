using System.ComponentModel.DataAnnotations;

namespace CecopComms.Storage;

/// <summary>Where the data lives. Bound from the "Storage" section.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Database engine: "sqlite" (embedded default). "postgres" is reserved for scale-out.</summary>
    [Required, RegularExpression("^(sqlite)$", ErrorMessage = "Storage:Provider must be 'sqlite'.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>SQLite file path, relative to the working directory; created on first use.</summary>
    [Required(ErrorMessage = "Storage:Path must name the SQLite database file.")]
    public string Path { get; set; } = "data/cecop.db";
}
