namespace CecopComms.Reach.Past;

/// <summary>Named queries of Storage/Sql/{dialect}/past-email.sql.</summary>
public sealed class PastEmailQueries
{
    public string InsertFigure { get; set; } = "";
    public string CurrentFigures { get; set; } = "";
    public string Publications { get; set; } = "";
}
