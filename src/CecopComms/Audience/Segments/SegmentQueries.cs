namespace CecopComms.Audience.Segments;

/// <summary>Named queries and filter fragments of Storage/Sql/{dialect}/segments.sql.</summary>
public sealed class SegmentQueries
{
    public string InsertSegment { get; set; } = "";
    public string GetSegment { get; set; } = "";
    public string ListSegments { get; set; } = "";
    public string CountSegment { get; set; } = "";
    public string SegmentRecipients { get; set; } = "";
    public string SegmentExportRows { get; set; } = "";
    public string WhereCountry { get; set; } = "";
    public string WhereLanguage { get; set; } = "";
    public string WhereCategory { get; set; } = "";
    public string WhereOrganisation { get; set; } = "";
    public string WhereList { get; set; } = "";
    public string WhereStatus { get; set; } = "";
    public string WhereAttributeEquals { get; set; } = "";
    public string WhereAttributeContains { get; set; } = "";
}
