using CecopComms.Content;
using CecopComms.Delivery;
using CecopComms.Delivery.Tracking;
using Dapper;

namespace CecopComms.Tests.Delivery;

/// <summary>A mailing's numbered links are committed with the mailing: a sender that sees the mailing already finds them.</summary>
public sealed class MailingLinksTests
{
    [Fact]
    public async Task A_started_mailing_has_its_links_from_the_moment_it_exists()
    {
        await using var bed = await DeliveryTestBed.CreateAsync(3);
        var links = new MailingLinkStore(bed.Stores.Database);
        var starter = new MailingStarter(bed.Content, bed.Stores.Resolver, bed.Mailings, links);

        var mailing = await starter.StartAsync(new MailingSource(MailingSourceKind.Edition, 1), MailingStatus.Running, CancellationToken.None);

        Assert.Equal(["https://cecop.coop/news"], await links.LinksAsync(mailing.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_failure_while_writing_the_links_leaves_no_mailing_behind()
    {
        await using var bed = await DeliveryTestBed.CreateAsync(3);
        var audience = await bed.Stores.Resolver.ResolveAsync("list:external-newsletter", CancellationToken.None);
        var recipients = await bed.Stores.Resolver.RecipientsAsync(audience, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => bed.Mailings.CreateAsync(new MailingSource(MailingSourceKind.Edition, 1), "CECOP Newsletter",
            audience, recipients, MailingStatus.Running, CancellationToken.None, (_, _, _) => throw new InvalidOperationException("the links could not be written")));

        await using var connection = await bed.Stores.Database.OpenAsync();
        Assert.Equal((0L, 0L), (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM mailings"), await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM ledger")));
    }
}
