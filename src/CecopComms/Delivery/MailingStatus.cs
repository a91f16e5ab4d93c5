namespace CecopComms.Delivery;

/// <summary>Where a mailing stands; stored lower-case.</summary>
public enum MailingStatus { Scheduled, Running, Paused, Cancelled, Finished }
