namespace CecopComms.Delivery.Bounces;

/// <summary>Whether a failed delivery should stop mail to the address.</summary>
public enum BounceKind
{
    /// <summary>Permanent: the address does not exist or refuses mail for good (5.x.x, user unknown).</summary>
    Hard,

    /// <summary>Temporary: mailbox full, greylisting, deferral (4.x.x, x.2.2 quota); retrying may succeed.</summary>
    Soft,
}
