using CecopComms.Content;

namespace CecopComms.Delivery;

/// <summary>One send of an edition or campaign mailing to its audience, with its ledger counts.</summary>
public sealed record Mailing
{
    public long Id { get; init; }
    /// <summary>"edition" or "campaign-mailing".</summary>
    public string SourceKind { get; init; } = "";
    public long SourceId { get; init; }
    public string Title { get; init; } = "";
    /// <summary>"list:SLUG" or "segment:SLUG".</summary>
    public string Audience { get; init; } = "";
    public long? ListId { get; init; }
    public MailingStatus Status { get; init; }
    /// <summary>Why it paused itself, or was cancelled.</summary>
    public string? StatusReason { get; init; }
    public long Total { get; init; }
    public long Sent { get; init; }
    public long Failed { get; init; }
    public long Skipped { get; init; }
    public long Retrying { get; init; }
    /// <summary>Pending or being sent.</summary>
    public long Waiting { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>What it was made from.</summary>
    public MailingSource Source => new(SourceKind == "edition" ? MailingSourceKind.Edition : MailingSourceKind.CampaignMailing, SourceId);

    /// <summary>Rows that reached an end state: sent, failed or skipped.</summary>
    public long Done => Sent + Failed + Skipped;

    /// <summary>Finished or cancelled: nothing about it can change any more (a paused mailing may still be resumed).</summary>
    public bool Settled => Status is MailingStatus.Finished or MailingStatus.Cancelled;
}
