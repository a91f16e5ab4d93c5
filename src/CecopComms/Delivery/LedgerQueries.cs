namespace CecopComms.Delivery;

/// <summary>Named queries of Storage/Sql/{dialect}/ledger.sql.</summary>
public sealed class LedgerQueries
{
    public string InsertRecipients { get; set; } = "";
    public string Claimable { get; set; } = "";
    public string Claim { get; set; } = "";
    public string ConfirmClaim { get; set; } = "";
    public string RenewClaims { get; set; } = "";
    public string ClaimedRecipients { get; set; } = "";
    public string MarkSent { get; set; } = "";
    public string MarkRetry { get; set; } = "";
    public string MarkFailed { get; set; } = "";
    public string MarkSkipped { get; set; } = "";
    public string Release { get; set; } = "";
    public string RetryFailed { get; set; } = "";
    public string SkipWaiting { get; set; } = "";
    public string NextRetryAt { get; set; } = "";
    public string Remaining { get; set; } = "";
    public string ListRows { get; set; } = "";
}
