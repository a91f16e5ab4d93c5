namespace CecopComms.Delivery.Tracking;

/// <summary>One open or click, as the endpoint saw it, waiting to be written to the events table.</summary>
/// <param name="MailingId">The mailing of the signed token (never 0: test copies record nothing).</param>
/// <param name="SubscriberUuid">The subscriber of the signed token.</param>
/// <param name="Kind">Open or click.</param>
/// <param name="Url">For a click, the link of the mailing that was followed.</param>
/// <param name="OccurredAt">When the request came.</param>
public sealed record TrackingEvent(long MailingId, Guid SubscriberUuid, TrackingEventKind Kind, string? Url, DateTimeOffset OccurredAt);
