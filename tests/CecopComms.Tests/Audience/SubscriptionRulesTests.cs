using CecopComms.Audience;
using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Audience;

public sealed class SubscriptionRulesTests
{
    [Fact]
    public async Task A_non_member_is_refused_on_the_members_only_list_with_a_sentence_and_nothing_is_kept()
    {
        using var stores = await AudienceStores.CreateAsync();

        var refusal = await Assert.ThrowsAsync<AudienceException>(() =>
            stores.Subscribers.AddAsync(new NewSubscriber("ana@example.org"), ["cecop-link"], false, null, CancellationToken.None));

        Assert.Equal("ana@example.org is not a contact of a member organisation; CECOP Link (cecop-link) is for members only.", refusal.Message);
        Assert.Null(await stores.Subscribers.FindAsync("ana@example.org", CancellationToken.None));
        Assert.Equal(0, (await stores.Lists.GetAsync("cecop-link", CancellationToken.None)).Confirmed);
    }

    [Fact]
    public async Task A_contact_of_a_member_organisation_is_confirmed_on_the_members_only_list()
    {
        using var stores = await AudienceStores.CreateAsync();
        var legacoop = await stores.Organisations.AddAsync("Legacoop Produzione e Servizi", "Italy", "full member", null, CancellationToken.None);

        var subscriber = await stores.Subscribers.AddAsync(new NewSubscriber("marco@legacoop.example", Organisation: "legacoop produzione e servizi"), ["cecop-link"], false, null, CancellationToken.None);

        Assert.Equal(legacoop.Id, subscriber.OrganisationId);
        var list = await stores.Lists.GetAsync("cecop-link", CancellationToken.None);
        Assert.Equal((1, 0), (list.Confirmed, list.Unconfirmed));
        var recipients = await stores.Lists.RecipientsAsync(list, CancellationToken.None);
        Assert.Equal("marco@legacoop.example", Assert.Single(recipients).Email);
    }

    [Fact]
    public async Task Someone_who_unsubscribed_is_not_put_back_by_staff_and_nothing_is_changed()
    {
        using var stores = await AudienceStores.CreateAsync();
        await stores.Lists.CreateAsync("coopskills2023", "#CoopSkills2023", "", true, false, false, CancellationToken.None);
        await stores.Subscribers.AddAsync(new NewSubscriber("eva@example.se"), ["coopskills2023"], false, null, CancellationToken.None);
        await using (var connection = await stores.Database.OpenAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE subscriptions SET status = 'unsubscribed', unsubscribed_at = '2026-03-01T00:00:00.000Z'";
            await command.ExecuteNonQueryAsync();
        }

        var refusal = await Assert.ThrowsAsync<AudienceException>(() =>
            stores.Subscribers.SubscribeAsync("eva@example.se", ["coopskills2023"], false, null, CancellationToken.None));

        Assert.Equal("eva@example.se unsubscribed from #CoopSkills2023 (coopskills2023); only they can subscribe again, so nothing was changed.", refusal.Message);
        var list = await stores.Lists.GetAsync("coopskills2023", CancellationToken.None);
        Assert.Equal((0, 1), (list.Confirmed, list.Unsubscribed));
        Assert.Empty(await stores.Lists.RecipientsAsync(list, CancellationToken.None));
    }

    [Theory]
    [InlineData("bounced")]
    [InlineData("blocklisted")]
    [InlineData("unsubscribed")]
    public async Task A_subscriber_who_is_not_active_is_not_subscribed_by_staff(string status)
    {
        using var stores = await AudienceStores.CreateAsync();
        await stores.Subscribers.AddAsync(new NewSubscriber("eva@example.se"), [], false, null, CancellationToken.None);
        await using (var connection = await stores.Database.OpenAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"UPDATE subscribers SET status = '{status}'";
            await command.ExecuteNonQueryAsync();
        }

        var refusal = await Assert.ThrowsAsync<AudienceException>(() =>
            stores.Subscribers.SubscribeAsync("eva@example.se", ["external-newsletter"], false, null, CancellationToken.None));

        Assert.Equal($"eva@example.se is {status}; staff never reactivate a subscriber, so nobody was subscribed.", refusal.Message);
        Assert.Equal(0, (await stores.Lists.GetAsync("external-newsletter", CancellationToken.None)).Unconfirmed);
    }

    [Fact]
    public async Task A_staff_addition_to_a_double_opt_in_list_stays_unconfirmed_without_consent()
    {
        using var stores = await AudienceStores.CreateAsync();

        await stores.Subscribers.AddAsync(new NewSubscriber("eva@example.se"), ["external-newsletter"], false, null, CancellationToken.None);

        var list = await stores.Lists.GetAsync("external-newsletter", CancellationToken.None);
        Assert.Equal((0, 1), (list.Confirmed, list.Unconfirmed));
        Assert.Empty(await stores.Lists.RecipientsAsync(list, CancellationToken.None));
    }

    [Fact]
    public async Task Confirming_on_a_double_opt_in_list_needs_a_consent_record_and_keeps_it()
    {
        using var stores = await AudienceStores.CreateAsync();

        var refusal = await Assert.ThrowsAsync<AudienceException>(() =>
            stores.Subscribers.AddAsync(new NewSubscriber("eva@example.se"), ["external-newsletter"], true, null, CancellationToken.None));
        Assert.Contains("consent", refusal.Message);

        var eva = await stores.Subscribers.AddAsync(new NewSubscriber("eva@example.se"), ["external-newsletter"], true,
            new NewConsent("cli", "conference desk", "2026-01"), CancellationToken.None);

        var consent = Assert.Single(await stores.Consents.ForSubscriberAsync(eva.Id, CancellationToken.None));
        Assert.Equal(("cli", "conference desk", "2026-01", "external-newsletter", AudienceStores.Now), (consent.Source, consent.Channel, consent.WordingVersion, consent.ListSlug, consent.GivenAt));
        var subscription = Assert.Single(await stores.Subscriptions.ForSubscriberAsync(eva.Id, CancellationToken.None));
        Assert.Equal(SubscriptionStatus.Confirmed, subscription.Status);
        Assert.Equal(AudienceStores.Now, subscription.ConfirmedAt);
    }

    [Fact]
    public async Task Adding_again_unconfirmed_does_not_undo_a_confirmation()
    {
        using var stores = await AudienceStores.CreateAsync();
        await stores.Subscribers.AddAsync(new NewSubscriber("eva@example.se"), ["external-newsletter"], true, new NewConsent("cli", "", "v1"), CancellationToken.None);

        await stores.Subscribers.SubscribeAsync("EVA@example.se", ["external-newsletter"], false, null, CancellationToken.None);

        Assert.Equal(1, (await stores.Lists.GetAsync("external-newsletter", CancellationToken.None)).Confirmed);
    }

    [Fact]
    public async Task An_unknown_list_is_named_with_the_lists_there_are()
    {
        using var stores = await AudienceStores.CreateAsync();

        var refusal = await Assert.ThrowsAsync<AudienceException>(() =>
            stores.Subscribers.AddAsync(new NewSubscriber("eva@example.se"), ["newsletter"], false, null, CancellationToken.None));

        Assert.Equal("There is no list 'newsletter'. Lists: cecop-link, external-newsletter.", refusal.Message);
    }
}
