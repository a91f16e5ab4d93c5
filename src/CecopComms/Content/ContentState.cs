namespace CecopComms.Content;

/// <summary>Where an edition or campaign mailing stands. Draft is the state it is made in.</summary>
public enum ContentState { Draft, Scheduled, Sending, Sent, Cancelled }
