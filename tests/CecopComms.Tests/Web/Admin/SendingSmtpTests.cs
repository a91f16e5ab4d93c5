using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CecopComms.Content;
using CecopComms.Tests.Delivery;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Tests.Web.Admin.SendingStaff;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web.Admin;

/// <summary>"Send now" from the sending page with the engine running and Delivery:Transport=smtp to Debian's aiosmtpd started here.</summary>
public sealed partial class SendingSmtpTests
{
    [GeneratedRegex("<span class=\"figure\" id=\"sent\"[^>]*>([0-9,]+)</span>")]
    private static partial Regex SentFigure();

    [Fact]
    public async Task Send_now_from_the_page_reaches_finished_with_every_message_accepted_by_the_SMTP_server()
    {
        await using var smtp = await FaultySmtpServer.StartAsync();
        using var factory = new SendingEngineFactory();
        factory.Settings["Delivery:Transport"] = "smtp";
        factory.Settings["Delivery:Servers:0:Host"] = "127.0.0.1";
        factory.Settings["Delivery:Servers:0:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture);
        factory.Settings["Delivery:Servers:0:Security"] = "None";
        var edition = await ArchiveWebFactory.LoadAsync(factory.Services.GetRequiredService<MailingContent>(), "cecop-newsletter-2021-06.yaml", 5, "2026-10-15");
        string[] readers = ["ines@example.org", "piotr@example.org", "giulia@example.org", "marc@example.org"];
        foreach (var reader in readers) await AddSubscriberAsync(factory, reader, ["external-newsletter"]);
        using var client = await SignInAsync(factory, "editor");

        var (_, started) = await SendNowConfirmedAsync(client, $"edition:{edition}");
        using var _started = started;
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var page = started.Headers.Location!.OriginalString;
        var html = await FinishedPageAsync(client, page);

        Assert.Contains(">finished</strong>", html);
        Assert.DoesNotContain("http-equiv=\"refresh\"", html);
        Assert.Equal(readers.Length.ToString(CultureInfo.InvariantCulture), SentFigure().Match(html).Groups[1].Value);
        var accepted = smtp.Accepted();
        Assert.Equal(readers.Length, accepted.Count);
        Assert.Equal(readers.Order(), accepted.Select(a => a.Recipient).Order());
    }
}
