namespace CecopComms.Delivery;

/// <summary>Where one recipient's message stands; stored lower-case.</summary>
public enum LedgerStatus { Pending, Sending, Sent, Retry, Failed, Skipped }
