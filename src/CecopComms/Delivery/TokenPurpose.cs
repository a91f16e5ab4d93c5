namespace CecopComms.Delivery;

/// <summary>What a signed recipient token lets its bearer do; a token for one purpose is refused for another.</summary>
public enum TokenPurpose : byte
{
    /// <summary>Unsubscribe in one click (RFC 8058), from the link or the List-Unsubscribe header.</summary>
    Unsubscribe = 1,
    /// <summary>Open the preference centre.</summary>
    Preferences = 2,
}
