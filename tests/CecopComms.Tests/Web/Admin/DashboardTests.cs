using System.Net;
using CecopComms.Content;
using CecopComms.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Tests.Web.Admin.SendingStaff;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web.Admin;

/// <summary>The admin home page: the next scheduled sends in Brussels time, mailings in progress with their bars, this year at a glance.</summary>
public sealed class DashboardTests(CecopWebFactory factory) : IClassFixture<CecopWebFactory>
{
    [Fact]
    public async Task The_dashboard_lists_the_next_schedule_a_running_mailing_and_this_years_figures()
    {
        var edition = await ArchiveWebFactory.LoadAsync(factory.Services.GetRequiredService<MailingContent>(), "cecop-newsletter-2021-06.yaml", 7, "2026-11-02");
        var planner = factory.Services.GetRequiredService<SchedulePlanner>();
        var year = DateTime.UtcNow.Year + 1;
        await planner.OnceAsync(new MailingSource(MailingSourceKind.Edition, edition), new DateTimeOffset(year, 7, 1, 8, 30, 0, TimeSpan.Zero), CancellationToken.None);
        var mailing = await AddMailingAsync(factory, "external-newsletter");
        await ScalarAsync<long>(factory, "UPDATE mailings SET status = 'running', title = 'CECOP Newsletter <live>', total = 40 WHERE id = @mailing", new { mailing });
        await AddSubscriberAsync(factory, "reader@example.org", ["external-newsletter"]);
        using var client = await SignInAsync(factory, "viewer");

        var raw = await HtmlAsync(client, "/admin");
        var html = WebUtility.HtmlDecode(raw);

        Assert.Contains("Next scheduled sends", html);
        Assert.Contains($"{year}-07-01 10:30 +02:00 Europe/Brussels", html);
        Assert.Contains($"edition:{edition}", html);
        Assert.Contains("Mailings in progress", html);
        Assert.Contains($"<a href=\"/admin/sending/mailings/{mailing}\">CECOP Newsletter &lt;live&gt;</a>", raw);
        Assert.Matches($"<progress max=\"40\" value=\"0\" aria-label=\"Mailing {mailing}: 0 of 40 done\">", raw);
        Assert.Contains("<meta http-equiv=\"refresh\"", raw);
        var thisYear = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels")).Year;
        Assert.Contains($"{thisYear} at a glance", html);
        Assert.Matches("<span class=\"figure\">1</span> Subscribers at the end of the period: CECOP Newsletter", raw);
        Assert.Contains("Editions sent: CECOP Newsletter", html);
        Assert.Contains("People reached: all mailings", html);
        Assert.Contains("href=\"/admin/reports\"", raw);
    }

    [Fact]
    public async Task With_nothing_scheduled_or_running_the_dashboard_says_so_and_does_not_refresh()
    {
        await using var empty = new CecopWebFactory();
        using var client = await SignInAsync(empty, "editor");

        var raw = await HtmlAsync(client, "/admin");

        Assert.Contains("Nothing is scheduled.", raw);
        Assert.Contains("No mailing is being sent or paused at the moment.", raw);
        Assert.DoesNotContain("http-equiv=\"refresh\"", raw);
    }
}
