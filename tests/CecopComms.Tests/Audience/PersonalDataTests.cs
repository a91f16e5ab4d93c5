using System.Text.Json;
using System.Text.Json.Nodes;
using CecopComms.Audience;
using CecopComms.Audience.Segments;
using CecopComms.Cli;
using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Audience;

public sealed class PersonalDataTests
{
    private static async Task<AudienceStores> WithMarcoAsync()
    {
        var stores = await AudienceStores.CreateAsync();
        await stores.Organisations.AddAsync("Legacoop Produzione e Servizi", "IT", "full", "https://legacoop.example", CancellationToken.None);
        await stores.Subscribers.AddAsync(new NewSubscriber("Marco.Rossi@Legacoop.example", "Marco Rossi", "it", "Legacoop Produzione e Servizi", new JsonObject { ["role"] = "president" }),
            ["cecop-link", "external-newsletter"], true, new NewConsent("cli", "192.0.2.7", "2026-01"), CancellationToken.None);
        await stores.Subscribers.AddAsync(new NewSubscriber("other@legacoop.example", Organisation: "Legacoop Produzione e Servizi"), ["cecop-link"], false, null, CancellationToken.None);
        return stores;
    }

    [Fact]
    public async Task The_data_export_holds_subscriber_organisation_subscriptions_and_consents()
    {
        using var stores = await WithMarcoAsync();

        var data = await stores.Subscribers.PersonalDataAsync("marco.rossi@legacoop.example", CancellationToken.None);
        var json = JsonNode.Parse(JsonSerializer.Serialize(data, ConsoleOutput.Json))!;

        Assert.Equal("Marco.Rossi@legacoop.example", json["subscriber"]!["email"]!.GetValue<string>());
        Assert.Equal("Marco Rossi", json["subscriber"]!["name"]!.GetValue<string>());
        Assert.Equal("president", json["subscriber"]!["attributes"]!["role"]!.GetValue<string>());
        Assert.Equal("Legacoop Produzione e Servizi", json["organisation"]!["name"]!.GetValue<string>());
        Assert.Equal(["cecop-link", "external-newsletter"], json["subscriptions"]!.AsArray().Select(s => s!["list_slug"]!.GetValue<string>()));
        Assert.All(json["subscriptions"]!.AsArray(), s => Assert.Equal("confirmed", s!["status"]!.GetValue<string>()));
        Assert.Equal(2, json["consents"]!.AsArray().Count);
        Assert.All(json["consents"]!.AsArray(), c => Assert.Equal(("192.0.2.7", "2026-01"), (c!["channel"]!.GetValue<string>(), c["wording_version"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Erasure_removes_personal_data_and_keeps_the_counts()
    {
        using var stores = await WithMarcoAsync();
        var before = await stores.Lists.ListAsync(CancellationToken.None);
        var marco = await stores.Subscribers.GetAsync("marco.rossi@legacoop.example", CancellationToken.None);

        var erased = await stores.Subscribers.EraseAsync("MARCO.ROSSI@legacoop.example", CancellationToken.None);

        Assert.Equal(marco.Id, erased.Id);
        Assert.Matches("^erased-[0-9a-f-]{36}@erased\\.invalid$", erased.Email);
        Assert.Equal(("", "{}", (long?)null, AudienceStores.Now), (erased.Name, erased.Attributes, erased.OrganisationId, erased.ErasedAt));
        Assert.NotEqual(marco.Uuid, erased.Uuid);
        Assert.Null(await stores.Subscribers.FindAsync("marco.rossi@legacoop.example", CancellationToken.None));
        Assert.All(await stores.Consents.ForSubscriberAsync(marco.Id, CancellationToken.None), c => Assert.Equal("", c.Channel));
        Assert.Equal(2, (await stores.Consents.ForSubscriberAsync(marco.Id, CancellationToken.None)).Count);

        var after = await stores.Lists.ListAsync(CancellationToken.None);
        Assert.Equal(before.Select(l => (l.Slug, l.Confirmed, l.Unconfirmed, l.Unsubscribed)), after.Select(l => (l.Slug, l.Confirmed, l.Unconfirmed, l.Unsubscribed)));

        var link = await stores.Resolver.ResolveAsync("cecop-link", CancellationToken.None);
        Assert.Equal(["other@legacoop.example"], (await stores.Resolver.RecipientsAsync(link, CancellationToken.None)).Select(r => r.Email));
        Assert.Equal(1, await stores.Segments.CountAsync(SegmentFilterParser.Parse(["country=IT"]), CancellationToken.None));
        Assert.Equal(1, (await stores.Organisations.GetAsync("Legacoop Produzione e Servizi", CancellationToken.None)).ContactCount);
    }

    [Fact]
    public async Task An_erased_person_cannot_be_subscribed_again_under_the_placeholder()
    {
        using var stores = await WithMarcoAsync();
        var erased = await stores.Subscribers.EraseAsync("marco.rossi@legacoop.example", CancellationToken.None);

        await Assert.ThrowsAsync<AudienceException>(() =>
            stores.Subscribers.SubscribeAsync(erased.Email, ["external-newsletter"], false, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_list_exports_to_csv_with_every_column()
    {
        using var stores = await WithMarcoAsync();
        var path = stores.Workspace.Path("out/link.csv");

        var written = await stores.Exporter.ExportAsync("list:cecop-link", path, CancellationToken.None);

        var lines = File.ReadAllLines(path);
        Assert.Equal(2, written);
        Assert.Equal("email,name,language,organisation,country,status,subscription_status,attributes,created_at", lines[0]);
        Assert.Equal("Marco.Rossi@legacoop.example,Marco Rossi,it,Legacoop Produzione e Servizi,IT,active,confirmed,\"{\"\"role\"\":\"\"president\"\"}\",2026-03-02T09:30:00.000Z", lines[1]);
        Assert.Equal(3, lines.Length);
    }
}
