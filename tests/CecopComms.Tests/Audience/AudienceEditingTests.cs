using System.Text.Json.Nodes;
using CecopComms.Audience;
using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Audience;

/// <summary>What the admin pages need beyond the CLI: changing a person or an organisation, staff status changes, and finding people.</summary>
public sealed class AudienceEditingTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_person_s_name_language_organisation_and_attributes_change_and_the_rest_stays()
    {
        using var stores = await AudienceStores.CreateAsync();
        await stores.Organisations.AddAsync("CGSCOP", "FR", "full", null, None);
        var added = await stores.Subscribers.AddAsync(new NewSubscriber("ana@example.org", "Ana", "en"), ["external-newsletter"], true, new NewConsent("cli", "t", "v1"), None);

        var saved = await stores.Subscribers.UpdateAsync("ANA@example.org", " Ana López ", "pt-br", "cgscop", new JsonObject { ["sector"] = "care" }, None);

        // Compared as JSON: PostgreSQL's jsonb writes it back with a space after the colon.
        Assert.Equal(("Ana López", "pt-BR", "{\"sector\":\"care\"}"), (saved.Name, saved.Language, JsonNode.Parse(saved.Attributes)!.ToJsonString()));
        Assert.Equal((await stores.Organisations.GetAsync("CGSCOP", None)).Id, saved.OrganisationId);
        Assert.Equal((added.Id, added.Email, SubscriberStatus.Active), (saved.Id, saved.Email, saved.Status));
        Assert.Single(await stores.Subscriptions.ForSubscriberAsync(added.Id, None));

        var cleared = await stores.Subscribers.UpdateAsync("ana@example.org", "Ana", "en", "", new JsonObject(), None);
        Assert.Null(cleared.OrganisationId);
        Assert.Contains("not a language tag", (await Assert.ThrowsAsync<AudienceException>(() =>
            stores.Subscribers.UpdateAsync("ana@example.org", "Ana", "klingon!", null, new JsonObject(), None))).Message);
        Assert.Contains("No organisation", (await Assert.ThrowsAsync<AudienceException>(() =>
            stores.Subscribers.UpdateAsync("ana@example.org", "Ana", "en", "Nowhere coop", new JsonObject(), None))).Message);
    }

    [Fact]
    public async Task Staff_mark_people_unsubscribed_or_blocklisted_and_may_lift_only_a_blocklisting()
    {
        using var stores = await AudienceStores.CreateAsync();
        await stores.Subscribers.AddAsync(new NewSubscriber("ana@example.org"), [], false, null, None);
        await stores.Subscribers.AddAsync(new NewSubscriber("ben@example.org"), [], false, null, None);

        Assert.Equal(SubscriberStatus.Blocklisted, (await stores.Subscribers.SetStatusAsync("ana@example.org", SubscriberStatus.Blocklisted, None)).Status);
        Assert.Equal(SubscriberStatus.Active, (await stores.Subscribers.SetStatusAsync("ana@example.org", SubscriberStatus.Active, None)).Status);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await stores.Subscribers.SetStatusAsync("ben@example.org", SubscriberStatus.Unsubscribed, None)).Status);

        var refusal = await Assert.ThrowsAsync<AudienceException>(() => stores.Subscribers.SetStatusAsync("ben@example.org", SubscriberStatus.Active, None));
        Assert.Contains("only the person can make themselves active again", refusal.Message);
        await Assert.ThrowsAsync<AudienceException>(() => stores.Subscribers.SetStatusAsync("ana@example.org", SubscriberStatus.Bounced, None));
        Assert.Equal(SubscriberStatus.Unsubscribed, (await stores.Subscribers.GetAsync("ben@example.org", None)).Status);

        // Blocklisting and lifting it gives back what the person was: ben stays unsubscribed, not active.
        Assert.Equal(SubscriberStatus.Blocklisted, (await stores.Subscribers.SetStatusAsync("ben@example.org", SubscriberStatus.Blocklisted, None)).Status);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await stores.Subscribers.SetStatusAsync("ben@example.org", SubscriberStatus.Active, None)).Status);
    }

    [Fact]
    public async Task An_organisation_changes_but_cannot_take_another_s_name()
    {
        using var stores = await AudienceStores.CreateAsync();
        var legacoop = await stores.Organisations.AddAsync("Legacoop", "IT", "full", null, None);
        await stores.Organisations.AddAsync("CGSCOP", "FR", "full", null, None);

        var saved = await stores.Organisations.UpdateAsync(legacoop.Id, "Legacoop Produzione e Servizi", "Italy", "associated member", "https://www.legacoop.coop", None);

        Assert.Equal(("Legacoop Produzione e Servizi", "IT", MemberCategory.Associated, "https://www.legacoop.coop"), (saved.Name, saved.Country, saved.Category, saved.Website));
        Assert.Equal(saved.Id, (await stores.Organisations.GetAsync("legacoop produzione e servizi", None)).Id);
        Assert.Contains("already exists", (await Assert.ThrowsAsync<AudienceException>(() =>
            stores.Organisations.UpdateAsync(legacoop.Id, "cgscop", "IT", "full", null, None))).Message);
        Assert.Contains("not a country", (await Assert.ThrowsAsync<AudienceException>(() =>
            stores.Organisations.UpdateAsync(legacoop.Id, "Legacoop", "Atlantis", "full", null, None))).Message);
        Assert.Contains("No organisation", (await Assert.ThrowsAsync<AudienceException>(() =>
            stores.Organisations.UpdateAsync(9999, "Other", "IT", "full", null, None))).Message);
        // Keeping its own name in another case is no clash.
        Assert.Equal("LEGACOOP PRODUZIONE E SERVIZI", (await stores.Organisations.UpdateAsync(legacoop.Id, "LEGACOOP PRODUZIONE E SERVIZI", "IT", "full", null, None)).Name);
    }

    [Fact]
    public async Task Search_is_case_insensitive_beyond_ascii()
    {
        using var stores = await AudienceStores.CreateAsync();
        await stores.Subscribers.AddAsync(new NewSubscriber("olafur@example.is", "Ólafur Ragnarsson", "is"), [], false, null, None);
        await stores.Subscribers.AddAsync(new NewSubscriber("zofia@example.pl", "Zofia Łukasiewicz", "pl"), [], false, null, None);
        var search = new SubscriberSearch(stores.Database, stores.Lists);

        async Task<string[]> Find(string text) => (await search.FindAsync(new(Text: text), 1, 50, None)).Rows.Select(r => r.Email).ToArray();

        // SQLite's own lower() leaves Ó and Ł as they are; the search must not.
        Assert.Equal(["olafur@example.is"], await Find("óla"));
        Assert.Equal(["zofia@example.pl"], await Find("ŁUKASIEWICZ"));
        Assert.Equal(["zofia@example.pl"], await Find("łukas"));
    }

    [Fact]
    public async Task Search_combines_text_list_status_country_and_language_and_pages_by_email()
    {
        using var stores = await AudienceStores.CreateAsync();
        await stores.Organisations.AddAsync("Legacoop", "IT", "full", null, None);
        await stores.Subscribers.AddAsync(new NewSubscriber("marco@legacoop.example", "Marco Rossi", "it", "Legacoop"), ["cecop-link"], true, null, None);
        await stores.Subscribers.AddAsync(new NewSubscriber("giulia@legacoop.example", "Giulia Bianchi", "it-CH", "Legacoop"), [], false, null, None);
        await stores.Subscribers.AddAsync(new NewSubscriber("ana@example.org", "Ana López", "es"), ["external-newsletter"], false, null, None);
        await stores.Subscribers.SetStatusAsync("giulia@legacoop.example", SubscriberStatus.Blocklisted, None);
        var search = new SubscriberSearch(stores.Database, stores.Lists);

        async Task<string[]> Find(SubscriberCriteria criteria) => (await search.FindAsync(criteria, 1, 50, None)).Rows.Select(r => r.Email).ToArray();

        Assert.Equal(["ana@example.org", "giulia@legacoop.example", "marco@legacoop.example"], await Find(new()));
        Assert.Equal(["giulia@legacoop.example", "marco@legacoop.example"], await Find(new(Text: "LEGACOOP")));
        Assert.Equal(["ana@example.org"], await Find(new(Text: "lópez")));
        Assert.Equal(["ana@example.org"], await Find(new(Text: "LÓPEZ")));
        Assert.Equal(["giulia@legacoop.example", "marco@legacoop.example"], await Find(new(Country: "Italy", Language: "it")));
        Assert.Equal(["giulia@legacoop.example"], await Find(new(Status: "blocklisted")));
        // A list finds every subscription status, and says which.
        var onNewsletter = (await search.FindAsync(new(List: "external-newsletter"), 1, 50, None)).Rows;
        Assert.Equal(("ana@example.org", "unconfirmed"), (Assert.Single(onNewsletter).Email, onNewsletter[0].SubscriptionStatus));
        Assert.Contains("There is no list", (await Assert.ThrowsAsync<AudienceException>(() => search.FindAsync(new(List: "nope"), 1, 50, None))).Message);
        Assert.Contains("not a subscriber status", (await Assert.ThrowsAsync<AudienceException>(() => search.FindAsync(new(Status: "gone"), 1, 50, None))).Message);

        var (page2, total) = await search.FindAsync(new(), 2, 2, None);
        Assert.Equal(3, total);
        Assert.Equal("marco@legacoop.example", Assert.Single(page2).Email);

        var csv = new StringWriter();
        Assert.Equal(2, await search.ExportAsync(new(Country: "IT"), csv, None));
        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(string.Join(',', ExportRow.Header), lines[0]);
        Assert.StartsWith("giulia@legacoop.example,Giulia Bianchi,it-CH,Legacoop,IT,blocklisted,,{},", lines[1]);
        Assert.Equal(3, lines.Length);
    }
}
