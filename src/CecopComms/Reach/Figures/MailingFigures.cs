namespace CecopComms.Reach.Figures;

/// <summary>What one mailing achieved, computed from its ledger, bounces and events (see docs/reporting.md for each definition).</summary>
public sealed record MailingFigures(long MailingId, long Sent, long Bounced, long Delivered, long Opened, long Clicked, long Unsubscribed, PeopleSet People);
