namespace CecopComms.Delivery.Bounces;

/// <summary>What one reading of the bounce mailbox did.</summary>
/// <param name="Read">Messages read.</param>
/// <param name="Hard">Hard bounces recorded.</param>
/// <param name="Soft">Soft bounces recorded.</param>
/// <param name="AutoReplies">Auto-replies (out of office, vacation): ignored.</param>
/// <param name="Ignored">Messages that are neither bounces nor auto-replies (a person's reply, spam): ignored.</param>
/// <param name="Unmatched">Bounces that name nobody we mailed (or only through an altered bounce address).</param>
/// <param name="AlreadyRecorded">Bounces recorded by an earlier run that stopped before deleting them: not counted again.</param>
/// <param name="Unreadable">Messages that could not be parsed: left in the mailbox for a person to look at.</param>
/// <param name="Deleted">Messages removed from the mailbox.</param>
/// <param name="SubscribersBounced">People who became bounced in this run.</param>
/// <param name="Unsubscribes">Unsubscribe requests sent to the mailto address of List-Unsubscribe, carried out.</param>
public sealed record BounceFetchResult(int Read, int Hard, int Soft, int AutoReplies, int Ignored, int Unmatched, int AlreadyRecorded, int Unreadable,
    int Deleted, int SubscribersBounced, int Unsubscribes = 0);
