namespace CecopComms.Web.SelfService;

/// <summary>What a confirmation link did.</summary>
public enum ConfirmResult
{
    /// <summary>The subscription is confirmed now, with a consent record.</summary>
    Confirmed,
    /// <summary>It was confirmed before (a replayed link): nothing changed.</summary>
    AlreadyConfirmed,
    /// <summary>The person unsubscribed after this link was sent; an old link does not undo that.</summary>
    WithdrawnSince,
    /// <summary>The person or the list no longer exists, or the list takes no sign-ups.</summary>
    NotFound,
    /// <summary>The person is blocklisted: nothing is ever sent to them.</summary>
    Refused,
}
