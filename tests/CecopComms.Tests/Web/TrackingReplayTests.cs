using System.Net;
using System.Text.RegularExpressions;
using CecopComms.Audience;
using CecopComms.Delivery.Tracking;
using CecopComms.Reach.Figures;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Tests.Web;

/// <summary>
/// Reach counts people, not requests: replaying a message's pixel and click links forty times through /t/o and /t/c
/// makes one person who opened and clicked, and the tokens of an erased person record nothing at all.
/// </summary>
public sealed partial class TrackingReplayTests(TrackingWebFactory factory) : IClassFixture<TrackingWebFactory>
{
    private const int Replays = 40;
    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false };

    [GeneratedRegex(@"src=""http://localhost(/t/o/[A-Za-z0-9_-]+\.gif)""")]
    private static partial Regex PixelSource();

    [GeneratedRegex(@"href=""http://localhost(/t/c/[A-Za-z0-9_-]+/\d+)""")]
    private static partial Regex ClickHref();

    [Fact]
    public async Task Forty_replays_of_a_persons_links_count_one_person_before_and_after_erasure()
    {
        await factory.SeedAsync();
        var (mailing, _, message) = await TrackingMailings.StartAndComposeAsync(factory, factory.NewsletterDraft, ArchiveWebFactory.Public);
        using var client = factory.CreateClient(NoRedirects);

        await ReplayAsync(client, message.HtmlBody!);
        var figures = await FiguresAsync(mailing.Id);
        Assert.Equal((1, 1), (figures.Opened, figures.Clicked));

        // Erased: their old links still answer (a pixel, a redirect) but record nothing, and what they did before counts once.
        var recorded = await EventCountAsync(mailing.Id);
        await factory.Services.GetRequiredService<SubscriberStore>().EraseAsync(ArchiveWebFactory.Public, CancellationToken.None);
        await ReplayAsync(client, message.HtmlBody!);
        Assert.Equal(recorded, await EventCountAsync(mailing.Id));
        figures = await FiguresAsync(mailing.Id);
        Assert.Equal((1, 1), (figures.Opened, figures.Clicked));
    }

    [Fact]
    public async Task The_links_of_a_person_erased_before_opening_count_no_one()
    {
        await factory.SeedAsync();
        var (mailing, _, message) = await TrackingMailings.StartAndComposeAsync(factory, factory.LinkSent, ArchiveWebFactory.Member);
        await factory.Services.GetRequiredService<SubscriberStore>().EraseAsync(ArchiveWebFactory.Member, CancellationToken.None);
        using var client = factory.CreateClient(NoRedirects);

        await ReplayAsync(client, message.HtmlBody!);

        Assert.Equal(0, await EventCountAsync(mailing.Id));
        var figures = await FiguresAsync(mailing.Id);
        Assert.Equal((0, 0), (figures.Opened, figures.Clicked));
    }

    private static async Task ReplayAsync(HttpClient client, string html)
    {
        var pixel = PixelSource().Match(html).Groups[1].Value;
        var click = ClickHref().Match(html).Groups[1].Value;
        Assert.NotEmpty(pixel);
        Assert.NotEmpty(click);
        for (var i = 0; i < Replays; i++)
        {
            using (var open = await client.GetAsync(pixel)) Assert.Equal(HttpStatusCode.OK, open.StatusCode);
            using (var redirect = await client.GetAsync(click)) Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        }
    }

    // The figures the year and campaign reports read, computed from the events table.
    private async Task<MailingFigures> FiguresAsync(long mailingId)
    {
        await factory.Services.GetRequiredService<TrackingEventWriter>().FlushAsync(CancellationToken.None);
        await using (var connection = await factory.Database.OpenAsync())
            await connection.ExecuteAsync("UPDATE mailings SET started_at = created_at WHERE id = @mailingId AND started_at IS NULL", new { mailingId });
        var store = factory.Services.GetRequiredService<MailingFigureStore>();
        var started = await store.StartedAsync(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);
        return (await store.FiguresAsync(started.Where(m => m.Id == mailingId).ToList(), CancellationToken.None))[mailingId];
    }

    private async Task<long> EventCountAsync(long mailingId)
    {
        await factory.Services.GetRequiredService<TrackingEventWriter>().FlushAsync(CancellationToken.None);
        await using var connection = await factory.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM events WHERE mailing_id = @mailingId", new { mailingId });
    }
}
