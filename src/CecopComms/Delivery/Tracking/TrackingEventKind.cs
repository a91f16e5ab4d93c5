namespace CecopComms.Delivery.Tracking;

/// <summary>What a tracking endpoint saw; stored lower-case in events.kind.</summary>
public enum TrackingEventKind
{
    /// <summary>The open pixel was loaded.</summary>
    Open,
    /// <summary>A link was followed through the click redirect.</summary>
    Click,
}
