using System.Text.Json.Nodes;
using CecopComms.Audience;
using CecopComms.Tests.Infrastructure;
using NSubstitute;

namespace CecopComms.Tests.Audience;

public sealed class SubscriberStoreTests
{
    [Theory]
    [InlineData("Ana.Lopez@Example.ORG", "ana.lopez@example.org")]
    [InlineData("jose@bücher.example", "JOSE@xn--bcher-kva.example")]
    [InlineData("jose@xn--bcher-kva.example", "jose@BÜCHER.example")]
    public async Task The_same_address_in_another_case_or_domain_form_is_the_same_person(string first, string second)
    {
        using var stores = await AudienceStores.CreateAsync();
        await stores.Subscribers.AddAsync(new NewSubscriber(first), [], false, null, CancellationToken.None);

        var refusal = await Assert.ThrowsAsync<AudienceException>(() =>
            stores.Subscribers.AddAsync(new NewSubscriber(second), [], false, null, CancellationToken.None));

        Assert.Contains("already a subscriber", refusal.Message);
        Assert.NotNull(await stores.Subscribers.FindAsync(second, CancellationToken.None));
    }

    [Fact]
    public async Task An_idn_address_keeps_its_unicode_form_and_a_punycode_key()
    {
        using var stores = await AudienceStores.CreateAsync();

        var added = await stores.Subscribers.AddAsync(new NewSubscriber("Jürgen@Bücher.example"), [], false, null, CancellationToken.None);

        Assert.Equal("Jürgen@bücher.example", added.Email);
        Assert.Equal("jürgen@xn--bcher-kva.example", added.EmailKey);
    }

    [Fact]
    public async Task A_new_subscriber_takes_the_clock_language_attributes_and_defaults()
    {
        using var stores = await AudienceStores.CreateAsync();

        var added = await stores.Subscribers.AddAsync(
            new NewSubscriber("ines@coop.example", "Inês", "pt-br", null, new JsonObject { ["sector"] = "care" }), [], false, null, CancellationToken.None);

        Assert.Equal(("Inês", "pt-BR", SubscriberStatus.Active, AudienceStores.Now, AudienceStores.Now), (added.Name, added.Language, added.Status, added.CreatedAt, added.UpdatedAt));
        Assert.Equal("care", JsonNode.Parse(added.Attributes)!["sector"]!.GetValue<string>());
        Assert.True(Guid.TryParse(added.Uuid, out _));
        stores.Clock.Received().GetUtcNow();
    }

    [Theory]
    [InlineData("Italian", "it")]
    [InlineData("italiano", "it")]
    [InlineData("en_GB", "en-GB")]
    [InlineData(" FR ", "fr")]
    public async Task A_language_may_be_a_tag_in_any_case_or_the_language_name(string language, string stored)
    {
        using var stores = await AudienceStores.CreateAsync();

        var added = await stores.Subscribers.AddAsync(new NewSubscriber("ines@coop.example", Language: language), [], false, null, CancellationToken.None);

        Assert.Equal(stored, added.Language);
    }

    [Theory]
    [InlineData("elvish")]
    [InlineData("zz-ZZ-nowhere")]
    [InlineData("")]
    public async Task A_language_that_is_not_a_bcp47_tag_is_refused(string language)
    {
        using var stores = await AudienceStores.CreateAsync();

        var refusal = await Assert.ThrowsAsync<AudienceException>(() =>
            stores.Subscribers.AddAsync(new NewSubscriber("ines@coop.example", Language: language), [], false, null, CancellationToken.None));

        Assert.Contains("BCP 47", refusal.Message);
    }

    [Fact]
    public async Task An_invalid_address_is_refused_with_the_reason()
    {
        using var stores = await AudienceStores.CreateAsync();

        var refusal = await Assert.ThrowsAsync<AudienceException>(() =>
            stores.Subscribers.AddAsync(new NewSubscriber("ines.coop.example"), [], false, null, CancellationToken.None));

        Assert.Equal("'ines.coop.example' is not an e-mail address: the address has no '@'.", refusal.Message);
    }

    [Fact]
    public async Task An_unknown_organisation_is_refused()
    {
        using var stores = await AudienceStores.CreateAsync();

        await Assert.ThrowsAsync<AudienceException>(() =>
            stores.Subscribers.AddAsync(new NewSubscriber("ines@coop.example", Organisation: "Nowhere Coop"), [], false, null, CancellationToken.None));
        Assert.Null(await stores.Subscribers.FindAsync("ines@coop.example", CancellationToken.None));
    }
}
