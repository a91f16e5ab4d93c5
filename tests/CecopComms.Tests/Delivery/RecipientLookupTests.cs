using System.Text.Json.Nodes;
using CecopComms.Audience;
using CecopComms.Delivery;
using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Delivery;

/// <summary>Test copies and previews see the same template data a send gives: organisation, country and attributes included.</summary>
public sealed class RecipientLookupTests
{
    [Fact]
    public async Task A_subscriber_comes_with_organisation_country_and_attributes()
    {
        using var stores = await AudienceStores.CreateAsync();
        await stores.Organisations.AddAsync("Legacoop Produzione e Servizi", "IT", "full", null, CancellationToken.None);
        await stores.Subscribers.AddAsync(new NewSubscriber("Giulia.Bianchi@Example.it", "Giulia Bianchi", "it", "Legacoop Produzione e Servizi",
            new JsonObject { ["role"] = "policy officer", ["since"] = 2019 }), ["cecop-link"], confirmed: true, null, CancellationToken.None);
        var lookup = new RecipientLookup(stores.Subscribers, stores.Organisations);

        var found = await lookup.FindAsync("giulia.bianchi@example.it", CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(("Giulia Bianchi", "it", "Legacoop Produzione e Servizi", "IT"), (found.Name, found.Language, found.OrganisationName, found.Country));
        Assert.Equal("policy officer", found.Attributes["role"]);
        Assert.Equal("2019", found.Attributes["since"]);
        Assert.Null(await lookup.FindAsync("nobody@example.org", CancellationToken.None));
    }
}
