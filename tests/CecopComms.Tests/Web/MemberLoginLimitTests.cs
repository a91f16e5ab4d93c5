using System.Net;
using System.Text.RegularExpressions;
using CecopComms.Web.Archive;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CecopComms.Tests.Web;

/// <summary>The archive's host with a low per-IP limit on forms that send mail.</summary>
public sealed class LimitedArchiveWebFactory : ArchiveWebFactory
{
    public const int PerMinute = 6;

    public LimitedArchiveWebFactory() => Settings["Web:SignupRatePerMinutePerIp"] = PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The login form cannot be used to flood anyone: POSTs per IP are limited, and so are the links one address receives.</summary>
public sealed class MemberLoginLimitTests(LimitedArchiveWebFactory factory) : IClassFixture<LimitedArchiveWebFactory>
{
    [Fact]
    public async Task Requests_past_the_per_ip_limit_get_429_and_one_address_gets_at_most_three_links()
    {
        await factory.SeedAsync();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await client.GetStringAsync("/members/login");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < LimitedArchiveWebFactory.PerMinute + 2; i++)
        {
            using var response = await client.PostAsync("/members/login", new FormUrlEncodedContent(
                [new("__csrf", ArchiveWebFactory.FormToken(form)), new("Email", ArchiveWebFactory.Member)]));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) Assert.Contains("Too many requests", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, LimitedArchiveWebFactory.PerMinute).Concat([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]), statuses);
        // Reading the form is not limited.
        using (var read = await client.GetAsync("/members/login")) Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        // Six accepted requests for one address, but only three links within the window.
        await factory.WaitForMessageToAsync(ArchiveWebFactory.Member, MemberLogin.LinksPerWindow);
        await Task.Delay(500);
        var links = factory.MessagesTo(ArchiveWebFactory.Member);
        Assert.Equal(MemberLogin.LinksPerWindow, links.Count);
        // Each of them carries a login link.
        Assert.All(links, m => Assert.Matches(new Regex("http://localhost/members/login/[A-Za-z0-9_-]+"), m.TextBody!));
    }
}
