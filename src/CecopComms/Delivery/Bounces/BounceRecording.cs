namespace CecopComms.Delivery.Bounces;

/// <summary>What recording one bounce did.</summary>
public enum BounceRecording
{
    /// <summary>Nothing: this report was already recorded for the person, or the person no longer exists.</summary>
    NotRecorded,
    /// <summary>Recorded; the person stays as they were (a soft bounce under the threshold, or already not active).</summary>
    Recorded,
    /// <summary>Recorded, and the person went from active to bounced: no more mail.</summary>
    SubscriberBounced,
}
