namespace CecopComms.Reach.Reports;

/// <summary>One mailing of a campaign report; the counts are null when it has not been sent.</summary>
public sealed record CampaignMailingLine(string Slug, string Title, DateTimeOffset PlannedAt, DateTimeOffset? SentAt, long? MailingId,
    long? Recipients, long? Sent, long? Delivered, long? Bounced, long? Opened, long? Clicked, long? Unsubscribed);
