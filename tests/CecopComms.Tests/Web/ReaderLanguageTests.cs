using System.Net;
using CecopComms.Delivery;
using CecopComms.Localization;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web;

/// <summary>A subscriber's page switched to another language keeps it through its buttons and redirects.</summary>
public sealed class ReaderLanguageTests(CecopWebFactory factory) : IClassFixture<CecopWebFactory>
{
    private const string List = "external-newsletter";

    [Fact]
    public async Task A_language_chosen_on_a_subscribers_page_survives_its_buttons_and_the_redirect_after_saving()
    {
        var person = await AddSubscriberAsync(factory, "switch@example.org", [List]);
        await Dapper.SqlMapper.ExecuteAsync(await factory.Database.OpenAsync(), "UPDATE subscribers SET language = 'fr' WHERE id = @Id", new { person.Id });
        var url = "/preferences/" + Token(TokenPurpose.Preferences, person, 1);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        // Without a choice the page speaks the subscriber's French, and its forms name no language.
        var french = await client.GetStringAsync(url);
        Assert.Contains("<html lang=\"fr\">", french);
        Assert.Empty(FormsNaming("en", french));

        // Switched to English: every form carries the choice, and so does the redirect after saving.
        var english = await client.GetStringAsync(url + "?lang=en");
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Equal(3, FormsNaming("en", english).Count);
        var csrf = await CsrfAsync(client, url + "?lang=en");
        using var saved = await PostAsync(client, url + "?handler=Save&lang=en", ("__csrf", csrf), ("Name", "Ana"), ("Language", "fr"), ("Lists", List));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("lang=en", saved.Headers.Location!.OriginalString);
        var after = await client.GetStringAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains(ReaderWords.Get("prefs.saved", "en"), after);
        Assert.Equal("fr", await ScalarAsync<string>(factory, "SELECT language FROM subscribers WHERE id = @Id", new { person.Id }));
    }

    [Fact]
    public async Task The_newsletters_are_described_in_the_readers_language()
    {
        using var client = factory.CreateClient();

        var french = await client.GetStringAsync("/subscribe?lang=fr");
        var german = await client.GetStringAsync("/subscribe?lang=de");

        Assert.Contains("Lettre d&#x27;information publique sur les affaires sociales", french);
        Assert.DoesNotContain("Public newsletter on EU social affairs", french);
        Assert.Contains("Öffentlicher Newsletter zur EU-Sozialpolitik", german);
    }

    private static System.Text.RegularExpressions.MatchCollection FormsNaming(string language, string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, $"<form method=\"post\" action=\"[^\"]*lang={language}[^\"]*\"");
}
