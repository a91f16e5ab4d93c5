using CecopComms.Audience;
using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Audience;

public sealed class OrganisationStoreTests
{
    [Fact]
    public async Task An_organisation_is_stored_with_a_country_code_and_category_and_found_by_name_in_any_case()
    {
        using var stores = await AudienceStores.CreateAsync();

        var added = await stores.Organisations.AddAsync("  Legacoop Produzione e Servizi ", "Italy", "Full member", "https://legacoop.example", CancellationToken.None);

        Assert.Equal(("Legacoop Produzione e Servizi", "IT", MemberCategory.Full), (added.Name, added.Country, added.Category));
        var found = await stores.Organisations.GetAsync("LEGACOOP PRODUZIONE E SERVIZI", CancellationToken.None);
        Assert.Equal(added.Id, found.Id);
        Assert.Equal(added.Id, (await stores.Organisations.GetAsync(added.Id.ToString(), CancellationToken.None)).Id);
    }

    [Fact]
    public async Task The_same_name_twice_is_refused()
    {
        using var stores = await AudienceStores.CreateAsync();
        await stores.Organisations.AddAsync("COCETA", "ES", "associated", null, CancellationToken.None);

        var refusal = await Assert.ThrowsAsync<AudienceException>(() => stores.Organisations.AddAsync("coceta", "ES", "full", null, CancellationToken.None));

        Assert.Contains("already exists", refusal.Message);
    }

    [Fact]
    public async Task An_organisation_named_like_another_ones_id_is_found_by_its_name_and_can_be_added()
    {
        using var stores = await AudienceStores.CreateAsync();
        var first = await stores.Organisations.AddAsync("CGSCOP", "FR", "full", null, CancellationToken.None);
        var second = await stores.Organisations.AddAsync("SUKOM", "FI", "full", null, CancellationToken.None);

        // A name that is another organisation's id is not a duplicate of it, and the lookup by that text means the named one.
        var numbered = await stores.Organisations.AddAsync(first.Id.ToString(), "SE", "affiliate", null, CancellationToken.None);

        Assert.NotEqual(first.Id, numbered.Id);
        Assert.Equal(numbered.Id, (await stores.Organisations.GetAsync(first.Id.ToString(), CancellationToken.None)).Id);
        Assert.Equal(second.Id, (await stores.Organisations.GetAsync(second.Id.ToString(), CancellationToken.None)).Id);
        Assert.Equal(first.Id, (await stores.Organisations.FindAsync(first.Id, CancellationToken.None))!.Id);
    }

    [Theory]
    [InlineData("Atlantis", "full", null, "not a country")]
    [InlineData("IT", "gold", null, "not a member category")]
    [InlineData("IT", "full", "legacoop dot example", "not a website")]
    public async Task Invalid_values_are_refused_with_a_sentence(string country, string category, string? website, string expected)
    {
        using var stores = await AudienceStores.CreateAsync();

        var refusal = await Assert.ThrowsAsync<AudienceException>(() => stores.Organisations.AddAsync("X", country, category, website, CancellationToken.None));

        Assert.Contains(expected, refusal.Message);
    }

    [Fact]
    public async Task Listing_filters_by_country_and_category()
    {
        using var stores = await AudienceStores.CreateAsync();
        await stores.Organisations.AddAsync("A", "IT", "full", null, CancellationToken.None);
        await stores.Organisations.AddAsync("B", "IT", "affiliate", null, CancellationToken.None);
        await stores.Organisations.AddAsync("C", "ES", "full", null, CancellationToken.None);

        Assert.Equal(["A", "B"], (await stores.Organisations.ListAsync("it", null, CancellationToken.None)).Select(o => o.Name));
        Assert.Equal(["A", "C"], (await stores.Organisations.ListAsync(null, MemberCategory.Full, CancellationToken.None)).Select(o => o.Name));
    }
}
