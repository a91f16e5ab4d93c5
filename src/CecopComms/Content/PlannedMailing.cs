namespace CecopComms.Content;

/// <summary>A campaign mailing and when the campaign plans to send it.</summary>
public sealed record PlannedMailing(MailingSource Source, string Title, DateTimeOffset PlannedAt);
