namespace CecopComms.Delivery;

/// <summary>What one run of the sender over a mailing did, and how it ended.</summary>
/// <param name="MailingId">The mailing.</param>
/// <param name="Status">Its state when the run stopped (finished, paused, cancelled; running when stopped from outside or held by another sender).</param>
/// <param name="Reason">Why it stopped, when not finished.</param>
/// <param name="Sent">Messages accepted in this run.</param>
/// <param name="Failed">Rows that failed for good in this run (bounces included).</param>
/// <param name="Retried">Temporary failures scheduled for another attempt.</param>
/// <param name="Skipped">Rows skipped because the person may no longer be mailed.</param>
/// <param name="Recovered">Rows taken over in 'sending' from a claim that ran out (a sender that died or stalled): the only possible duplicates.</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <param name="WindowMaxMilliseconds">Longest time between a server's acceptance and the commit of 'sent': the duplicate window.</param>
/// <param name="WindowMeanMilliseconds">Mean of that time.</param>
/// <param name="Lost">Rows this run claimed but lost to another sender (it stalled past the claim): neither sent nor marked by it after that.</param>
public sealed record SendRun(long MailingId, MailingStatus Status, string? Reason, long Sent, long Failed, long Retried, long Skipped, int Recovered,
    TimeSpan Elapsed, double WindowMaxMilliseconds, double WindowMeanMilliseconds, int Lost = 0)
{
    public double PerSecond => Elapsed.TotalSeconds > 0 ? Sent / Elapsed.TotalSeconds : 0;
}
