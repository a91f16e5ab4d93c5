using System.Net;
using CecopComms.Tests.Import;
using CecopComms.Web.SelfService;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web;

/// <summary>The web host on a clock the test moves.</summary>
public sealed class ClockedWebFactory : CecopWebFactory
{
    private readonly TestClock _clock = new();

    public ClockedWebFactory() => ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);

    /// <summary>The host's time (2 March 2026, 9:30 UTC, until a test moves it).</summary>
    public DateTimeOffset Now { get => _clock.Now; set => _clock.Now = value; }
}

/// <summary>
/// The sign-up form cannot be used to mail anyone at will: one address gets at most three confirmations a day however
/// often it is posted (the page answers the same every time), and the mail carries none of the text the visitor typed.
/// </summary>
public sealed class SignupMailTests(ClockedWebFactory factory) : IClassFixture<ClockedWebFactory>
{
    private const string Victim = "victim@example.org";
    private const string Lure = "Your account is locked - verify at https://evil.example/login";

    private async Task<(HttpStatusCode Status, string? Location)> SignUpAsync(HttpClient client, string name)
    {
        var csrf = await CsrfAsync(client, "/subscribe");
        using var response = await PostAsync(client, "/subscribe", ("__csrf", csrf), ("Email", Victim), ("Name", name), ("Language", "en"),
            ("List", "external-newsletter"), ("Homepage", ""), ("Consent", "true"));
        return (response.StatusCode, response.Headers.Location?.OriginalString);
    }

    private IReadOnlyList<string> MailsToVictim() => factory.OutboxMessages().Where(m => m.Contains("Delivered-To: " + Victim)).ToList();

    [Fact]
    public async Task Five_sign_ups_for_one_address_send_three_mails_that_echo_nothing_and_the_next_day_one_more()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var answers = new List<(HttpStatusCode, string?)>();
        for (var i = 0; i < 5; i++) answers.Add(await SignUpAsync(client, Lure));

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.Redirect, "/subscribe/sent"), a));
        await OutboxAsync(factory, ConfirmationMailer.MailsPerDay);
        await Task.Delay(500);
        var mails = MailsToVictim();
        Assert.Equal(ConfirmationMailer.MailsPerDay, mails.Count);
        foreach (var mail in mails)
        {
            var text = mail.Replace("=\r\n", "");
            Assert.DoesNotContain("evil.example", text);
            Assert.DoesNotContain("account is locked", text);
            Assert.Contains("Hello,", text);
        }

        // A day later the address may be sent a confirmation again.
        factory.Now += ConfirmationMailer.Window;
        Assert.Equal((HttpStatusCode.Redirect, "/subscribe/sent"), await SignUpAsync(client, Lure));
        for (var i = 0; i < 100 && MailsToVictim().Count <= ConfirmationMailer.MailsPerDay; i++) await Task.Delay(50);
        Assert.Equal(ConfirmationMailer.MailsPerDay + 1, MailsToVictim().Count);
    }
}
