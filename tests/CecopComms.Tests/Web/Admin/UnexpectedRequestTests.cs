using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CecopComms.Content;
using CecopComms.Delivery;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// Requests the forms never send, made by staff and strangers through the real endpoints: a POST to a page that takes
/// none, empty required fields, a preview for a string that is no address, an upload named "..". Each got a 500 (or a
/// page with nothing loaded) before; each must get an answer of its own now.
/// </summary>
public sealed class UnexpectedRequestTests(CecopWebFactory factory) : IClassFixture<CecopWebFactory>
{
    [Fact]
    public async Task A_post_to_a_page_that_takes_none_gets_405_not_a_page_with_nothing_loaded()
    {
        var (client, _) = await StaffSession.SignInAsync(factory, "editor");
        var mailing = await AddMailingAsync(factory, "external-newsletter");
        var csrf = await CsrfAsync(client, "/admin/logout");
        // The dashboard and a mailing's page answered 500; the content list and the subscriber list a blank page.
        foreach (var url in new[] { "/admin", $"/admin/sending/mailings/{mailing}", "/admin/content", "/admin/audiences/subscribers" })
        {
            using var response = await PostAsync(client, url, ("__csrf", csrf));
            Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"POST {url}: {(int)response.StatusCode}");
            using var shown = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        }

        // A stranger with a form token from the sign-up page: an invalid link's preference form was shown, empty, with 200.
        var stranger = factory.CreateClient(new() { AllowAutoRedirect = false });
        var strangerCsrf = await CsrfAsync(stranger, "/subscribe");
        var person = await AddSubscriberAsync(factory, $"probe-{Guid.NewGuid():N}@example.org", ["external-newsletter"]);
        foreach (var url in new[] { "/preferences/not-a-token", $"/preferences/{Token(CecopComms.Delivery.TokenPurpose.Preferences, person, mailing)}", "/confirm/not-a-token", "/archive" })
        {
            using var response = await PostAsync(stranger, url, ("__csrf", strangerCsrf), ("Name", "Mallory"));
            Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"POST {url}: {(int)response.StatusCode}");
        }
        Assert.Equal("Ana López", await ScalarAsync<string>(factory, "SELECT name FROM subscribers WHERE uuid = @Uuid", new { person.Uuid }));

        // Named handlers still work: a viewer's pause is refused by role, an editor's reaches the handler.
        using var pause = await PostAsync(client, $"/admin/sending/mailings/{mailing}?handler=Pause", ("__csrf", csrf));
        Assert.NotEqual(HttpStatusCode.MethodNotAllowed, pause.StatusCode);
        Assert.True((int)pause.StatusCode < 500, $"pause: {(int)pause.StatusCode}");
    }

    [Theory]
    [InlineData("/admin/audiences/lists", "Slug")]
    [InlineData("/admin/audiences/segments", "Slug")]
    [InlineData("/admin/audiences/organisations", "Form.Name")]
    public async Task An_empty_required_field_gets_the_form_s_sentence_not_a_500(string url, string field)
    {
        var (client, _) = await StaffSession.SignInAsync(factory, "editor");
        foreach (var value in new[] { "", "   " })
        {
            var csrf = await CsrfAsync(client, url);
            using var response = await PostAsync(client, url, ("__csrf", csrf), (field, value), ("Name", "A name"), ("Form.Country", "IT"), ("Form.Category", "full"));
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{field}='{value}': {(int)response.StatusCode}");
            Assert.Contains("class=\"problems\"", html);
        }
    }

    [Fact]
    public async Task A_preview_for_a_string_that_is_no_address_says_so()
    {
        var (client, _) = await StaffSession.SignInAsync(factory, "viewer");
        var id = await ArchiveWebFactory.LoadAsync(factory.Services.GetRequiredService<MailingContent>(), "cecop-newsletter-2021-06.yaml", 31, "2023-03-15");
        foreach (var subscriber in new[] { "nobody@x", new string('a', 5000) + "@example.org", "no address" })
        {
            var query = Uri.EscapeDataString(subscriber);
            using (var frame = await client.GetAsync($"/admin/content/preview/edition/{id}/html?subscriber={query}"))
                Assert.Equal(HttpStatusCode.NotFound, frame.StatusCode);
            using var page = await client.GetAsync($"/admin/content/preview/edition/{id}?subscriber={query}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("class=\"problems\"", await page.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    public async Task An_upload_named_after_a_folder_is_imported_under_a_name_of_its_own(string fileName)
    {
        var (client, _) = await StaffSession.SignInAsync(factory, "editor");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(await CsrfAsync(client, "/admin/audiences/import")), "__csrf");
        form.Add(new StringContent("subscribers"), "Kind");
        form.Add(new StringContent("external-newsletter"), "List");
        form.Add(new StringContent("true"), "DryRun");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("email,name\nzoe.dots@example.org,Zoé\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Upload", "contacts.csv");
        // HttpClient would quote the name; the browser's header is written as a hostile client writes it.
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"Upload\"", FileName = $"\"{fileName}\"" };
        using var response = await client.PostAsync("/admin/audiences/import", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var result = await StaffSession.HtmlAsync(client, response.Headers.Location!.OriginalString);
        Assert.Contains("upload.csv", result);
        Assert.Matches("<span class=\"figure\">1</span> rows read", result);
    }
}
