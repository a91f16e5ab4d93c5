using System.Net;
using CecopComms.Web.Admin;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web.Admin;

/// <summary>What the sending and dashboard tests share: a signed-in staff member's client, forms posted with their antiforgery field.</summary>
internal static class SendingStaff
{
    private const string Password = "correct horse battery staple";

    private static int _number = 10;

    /// <summary>A draft edition of <paramref name="file"/> (a CECOP Newsletter unless told) with a number of its own; returns its id.</summary>
    public static async Task<long> DraftAsync(CecopWebFactory factory, string file = "cecop-newsletter-2021-06.yaml") =>
        await ArchiveWebFactory.LoadAsync(factory.Services.GetRequiredService<CecopComms.Content.MailingContent>(), file, Interlocked.Increment(ref _number), "2026-09-15");

    /// <summary>A new staff account with <paramref name="role"/>, signed in; the client does not follow redirects.</summary>
    public static async Task<HttpClient> SignInAsync(CecopWebFactory factory, string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@cecop.example";
        // Fewer iterations than real accounts, so the test does not spend its time hashing.
        await factory.Services.GetRequiredService<UserStore>().AddAsync(email, "Sofia", role, Password, CancellationToken.None, iterations: 10_000);
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var csrf = await CsrfAsync(client, "/admin/login");
        using var response = await PostAsync(client, "/admin/login", ("__csrf", csrf), ("Email", email), ("Password", Password), ("ReturnUrl", "/admin"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>POSTs a form of <paramref name="page"/> (its antiforgery field read from <paramref name="page"/> first).</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string page, string action, params (string Name, string Value)[] fields)
    {
        var csrf = await CsrfAsync(client, page);
        return await PostAsync(client, action, [("__csrf", csrf), .. fields]);
    }

    /// <summary>
    /// "Send now" as an officer does it: the first post shows the confirmation with the audience's live count, the second
    /// confirms that count. Returns the confirmation page's text and the final response. With <paramref name="audience"/>
    /// ("segment:SLUG") chosen, it goes to that segment.
    /// </summary>
    public static async Task<(string Confirmation, HttpResponseMessage Sent)> SendNowConfirmedAsync(HttpClient client, string source, string audience = "")
    {
        string confirmation;
        using (var asked = await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=SendNow", ("Source", source), ("Audience", audience)))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            confirmation = await TextAsync(asked);
        }
        var count = System.Text.RegularExpressions.Regex.Match(confirmation, "name=\"Count\" value=\"(\\d+)\"").Groups[1].Value;
        Assert.NotEqual("", count);
        var sent = await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=SendNow", ("Source", source), ("Audience", audience), ("Count", count), ("confirmed", "yes"));
        return (confirmation, sent);
    }

    /// <summary>A response's HTML with entities decoded, for sentences holding quotes or '+' (which the encoder writes as entities).</summary>
    public static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    /// <summary>GETs a page and returns its HTML, asserting 200.</summary>
    public static async Task<string> HtmlAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The mailing page at <paramref name="page"/>, read every 100 ms until it says finished (at most 30 s).</summary>
    public static async Task<string> FinishedPageAsync(HttpClient client, string page)
    {
        var html = "";
        for (var i = 0; i < 300 && !html.Contains("mailing-status status-finished", StringComparison.Ordinal); i++)
        {
            if (i > 0) await Task.Delay(100);
            html = await HtmlAsync(client, page);
        }
        return html;
    }
}
