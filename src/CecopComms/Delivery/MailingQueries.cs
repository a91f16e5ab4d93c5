namespace CecopComms.Delivery;

/// <summary>Named queries of Storage/Sql/{dialect}/mailings.sql.</summary>
public sealed class MailingQueries
{
    public string InsertMailing { get; set; } = "";
    public string LiveMailingForSource { get; set; } = "";
    public string SourcesWithLiveMailing { get; set; } = "";
    public string SetTotal { get; set; } = "";
    public string GetMailing { get; set; } = "";
    public string ListMailings { get; set; } = "";
    public string GetStatus { get; set; } = "";
    public string SetStatus { get; set; } = "";
    public string TakeLease { get; set; } = "";
    public string ReleaseLease { get; set; } = "";
    public string RunnableMailings { get; set; } = "";
}
