namespace CecopComms.Delivery;

/// <summary>What a signed recipient token lets its bearer do; a token for one purpose is refused for another.</summary>
public enum TokenPurpose : byte
{
    /// <summary>Unsubscribe in one click (RFC 8058), from the link or the List-Unsubscribe header.</summary>
    Unsubscribe = 1,
    /// <summary>Open the preference centre.</summary>
    Preferences = 2,
    /// <summary>Confirm a sign-up (double opt-in); expires.</summary>
    Confirm = 3,
    /// <summary>Record that a mailing was opened (tracking pixel; only when tracking is on).</summary>
    Open = 4,
    /// <summary>Follow a link of a mailing through the click redirect (only when tracking is on).</summary>
    Click = 5,
    /// <summary>Log a member contact in to the members-only archive (magic link); expires and is used once.</summary>
    MemberLogin = 6,
    /// <summary>
    /// Every link of a preview or a test copy (unsubscribe, preferences, List-Unsubscribe, open pixel): it names no one
    /// (an empty uuid, mailing 0), and every public page refuses it, saying it comes from a preview.
    /// </summary>
    Preview = 7,
}

/// <summary>Rules about token purposes.</summary>
public static class TokenPurposes
{
    /// <summary>Purposes whose tokens belong to one real mailing (its id is in the token, never 0).</summary>
    public static bool IsMailingBound(this TokenPurpose purpose) =>
        purpose is TokenPurpose.Unsubscribe or TokenPurpose.Preferences or TokenPurpose.Open or TokenPurpose.Click;
}
