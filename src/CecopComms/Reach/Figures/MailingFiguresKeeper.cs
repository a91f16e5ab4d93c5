using CecopComms.Delivery;

namespace CecopComms.Reach.Figures;

/// <summary>Computes a mailing's figures from its ledger as soon as it is settled, so a year report reads kept figures instead of millions of ledger rows.</summary>
public sealed class MailingFiguresKeeper(MailingFigureStore figures) : IMailingSettledListener
{
    public Task MailingSettledAsync(long mailingId, CancellationToken cancellationToken) => figures.KeepAsync(mailingId, cancellationToken);
}
