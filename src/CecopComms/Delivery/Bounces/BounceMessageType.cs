namespace CecopComms.Delivery.Bounces;

/// <summary>What a message found in the bounce mailbox is.</summary>
public enum BounceMessageType
{
    /// <summary>Neither a delivery report nor an automatic reply, e.g. a person answering.</summary>
    NotABounce,

    /// <summary>A vacation or out-of-office reply: the address works, nothing failed.</summary>
    AutoReply,

    /// <summary>A delivery status report: standard RFC 3464 or one of the common non-standard formats (Exim, qmail, Exchange).</summary>
    DeliveryStatus,
}
