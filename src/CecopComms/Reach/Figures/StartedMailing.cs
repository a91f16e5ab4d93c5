namespace CecopComms.Reach.Figures;

/// <summary>A mailing that started sending, with the publication or campaign it belongs to (its stream) and the stamp its stored figures must match.</summary>
public sealed record StartedMailing
{
    public long Id { get; init; }
    /// <summary>"edition" or "campaign-mailing".</summary>
    public string SourceKind { get; init; } = "";
    public long SourceId { get; init; }
    public string Title { get; init; } = "";
    public string Status { get; init; } = "";
    public long Total { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>The publication's or campaign's slug; empty when the edition or campaign mailing is gone.</summary>
    public string? StreamSlug { get; init; }
    /// <summary>"CECOP Link", "#CoopSkills2023".</summary>
    public string? StreamName { get; init; }
    /// <summary>"publication" or "campaign".</summary>
    public string StreamKind { get; init; } = "";
    public string Stamp { get; init; } = "";

    /// <summary>Finished or cancelled: its figures only change when its stamp does, so they can be kept.</summary>
    public bool IsSettled => Status is "finished" or "cancelled";
}
