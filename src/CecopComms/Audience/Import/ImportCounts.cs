namespace CecopComms.Audience.Import;

/// <summary>Running totals of one import.</summary>
internal sealed class ImportCounts
{
    public long Read { get; set; }
    public long Inserted { get; set; }
    public long Updated { get; set; }
    public long Unchanged { get; set; }
    public long Rejected { get; set; }

    /// <summary>Organisation rows repeating one met earlier in the same file (a sheet with a row per contact).</summary>
    public long Repeated { get; set; }

    public long Imported => Inserted + Updated + Unchanged;
}
