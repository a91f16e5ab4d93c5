namespace CecopComms.Delivery;

/// <summary>
/// Carries out an unsubscribe a recipient asked for with a mailing's signed token — from the web page, the one-click
/// POST (RFC 8058) or the mailto address of List-Unsubscribe, which arrives in the bounce mailbox.
/// </summary>
public interface IUnsubscribeRequests
{
    /// <summary>Unsubscribes the person from the mailing's list (or from everything when it had none); false when the person is unknown.</summary>
    Task<bool> UnsubscribeAsync(Guid subscriberUuid, long mailingId, CancellationToken cancellationToken);
}
