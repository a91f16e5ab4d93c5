using MimeKit;

namespace CecopComms.Delivery.Bounces;

/// <summary>What <see cref="BounceParser"/> found in one message of the bounce mailbox.</summary>
public sealed class BounceReport
{
    internal BounceReport(BounceMessageType type, IReadOnlyList<BounceRecipient> recipients, string? originalMessageId, IReadOnlyList<string> returnAddresses, HeaderList? originalHeaders)
    {
        Type = type;
        Recipients = recipients;
        OriginalMessageId = originalMessageId;
        ReturnAddresses = returnAddresses;
        OriginalHeaders = originalHeaders;
    }

    /// <summary>A delivery report, an automatic reply, or neither.</summary>
    public BounceMessageType Type { get; }

    /// <summary>The recipients that failed or were delayed; those delivered, relayed or expanded are left out. Empty unless <see cref="Type"/> is <see cref="BounceMessageType.DeliveryStatus"/>.</summary>
    public IReadOnlyList<BounceRecipient> Recipients { get; }

    /// <summary>The Message-Id (without brackets) of the message that bounced or was answered, when found.</summary>
    public string? OriginalMessageId { get; }

    /// <summary>
    /// Every value that may carry our per-recipient (VERP) tag, in this order, without duplicates: the report's
    /// To, Delivered-To, X-Original-To, Envelope-To and X-Envelope-To addresses, then the embedded original's
    /// Return-Path address and its X-Cecop-Recipient value. X-Failed-Recipients is not one: those are final recipients.
    /// </summary>
    public IReadOnlyList<string> ReturnAddresses { get; }

    /// <summary>The headers of the message that bounced (from a message/rfc822 or text/rfc822-headers part, or the copy a text report quotes), when included.</summary>
    public HeaderList? OriginalHeaders { get; }
}
