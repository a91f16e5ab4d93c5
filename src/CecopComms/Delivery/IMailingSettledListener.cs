namespace CecopComms.Delivery;

/// <summary>Told when the sender has finished or cancelled a mailing, e.g. so reach figures are computed once, off the report's path.</summary>
public interface IMailingSettledListener
{
    /// <summary>Called after the mailing's final state is committed. A failure here never fails the send.</summary>
    Task MailingSettledAsync(long mailingId, CancellationToken cancellationToken);
}
