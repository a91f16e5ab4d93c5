namespace CecopComms.Web.Admin;

/// <summary>A mailing not yet done, with its ledger counted by state (the mailing_progress view).</summary>
public sealed record MailingInProgress
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string Audience { get; init; } = "";
    public string Status { get; init; } = "";
    public string? StatusReason { get; init; }
    public long Total { get; init; }
    public long Sent { get; init; }
    public long Failed { get; init; }
    public long Skipped { get; init; }
    public long Retrying { get; init; }
    public long Waiting { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
}
