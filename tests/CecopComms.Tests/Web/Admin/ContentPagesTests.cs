using System.Net;
using CecopComms.Content;
using CecopComms.Content.Editions;
using CecopComms.Content.Validation;
using CecopComms.Tests.ContentTests;
using CecopComms.Web.Admin;
using CecopComms.Web.Admin.Content;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// /admin/content through the web host: composing an edition from news items with a language variant, the checks'
/// problems placed on their fields, the YAML source, validation, previews per language and per subscriber, test
/// copies into the outbox, a campaign's timeline, and viewers kept to reading.
/// </summary>
public sealed class ContentPagesTests(CecopWebFactory factory) : IClassFixture<CecopWebFactory>
{
    private const string Password = "correct horse battery staple";
    private const string Compose = "/admin/content/editions/compose";

    private async Task<HttpClient> SignInAsync(string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@cecop.example";
        // Fewer iterations than real accounts, so the test does not spend its time hashing.
        await factory.Services.GetRequiredService<UserStore>().AddAsync(email, "Sofia", role, Password, CancellationToken.None, iterations: 10_000);
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var response = await PostAsync(client, "/admin/login", ("__csrf", await CsrfAsync(client, "/admin/login")), ("Email", email), ("Password", Password), ("ReturnUrl", "/admin"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<string> HtmlAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    // The compose form's fields for an edition of the CECOP Newsletter with the given news items and a French variant.
    private static List<(string, string)> EditionFields(string date, string subject, params (string Title, string Link, string? French)[] items)
    {
        var fields = new List<(string, string)>
        {
            ("Form.Publication", "cecop-newsletter"), ("Form.Date", date), ("Form.Subject", subject), ("Form.Preheader", ""),
            ("Form.Intro", "Our **spring** news.\r\nSecond line."),
            ("Form.Variants[0].Language", "fr"), ("Form.Variants[0].Subject", "Nos nouvelles de printemps"), ("Form.Variants[0].Preheader", ""),
            ("Form.Variants[0].Intro", "Nos nouvelles du **printemps**."),
        };
        for (var i = 0; i < items.Length; i++)
        {
            fields.AddRange([
                ($"Form.Items[{i}].Date", date), ($"Form.Items[{i}].Title", items[i].Title), ($"Form.Items[{i}].Tags", "News"), ($"Form.Items[{i}].Tags", "Position paper"),
                ($"Form.Items[{i}].Summary", $"Summary of *{items[i].Title}*."), ($"Form.Items[{i}].Link", items[i].Link), ($"Form.Items[{i}].Image", ""), ($"Form.Items[{i}].ImageAlt", ""),
                ($"Form.Variants[0].Titles[{i}]", items[i].French ?? ""), ($"Form.Variants[0].Summaries[{i}]", items[i].French is null ? "" : $"Résumé de {items[i].French}."),
                ($"Form.Variants[0].ImageAlts[{i}]", ""),
            ]);
        }
        return fields;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string url, IEnumerable<(string Name, string Value)> fields) =>
        await PostAsync(client, url, [("__csrf", await CsrfAsync(client, page)), .. fields]);

    private async Task<long> EditionCountAsync() => await ScalarAsync<long>(factory, "SELECT count(*) FROM editions");

    [Fact]
    public async Task An_edition_composed_from_two_news_items_with_a_French_variant_is_saved_and_validated()
    {
        using var client = await SignInAsync("editor");
        var first = HtmlAsync(client, Compose);
        Assert.Contains("News item 1", await first);

        // "Add another item" shows the form again with a second, empty block; nothing is saved.
        var before = await EditionCountAsync();
        using (var added = await PostFormAsync(client, Compose, $"{Compose}?handler=AddItem", EditionFields("2026-05-04", "Spring news", ("Worker cooperatives", "https://cecop.coop/works/one", "Coopératives de travail"))))
        {
            var html = await added.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
            Assert.Contains("News item 2", html);
            Assert.Contains("name=\"Form.Items[1].Title\"", html);
            Assert.Contains("name=\"Form.Variants[0].Titles[1]\"", html);
            Assert.Contains("value=\"Worker cooperatives\"", html);
        }
        Assert.Equal(before, await EditionCountAsync());

        using var saved = await PostFormAsync(client, Compose, $"{Compose}?handler=Save", EditionFields("2026-05-04", "Spring news",
            ("Worker cooperatives", "https://cecop.coop/works/one", "Coopératives de travail"), ("Social cooperatives: a report", "https://cecop.coop/works/two", null)));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = long.Parse(saved.Headers.Location!.OriginalString.Split('/').Last());
        var edition = await factory.Services.GetRequiredService<EditionStore>().GetAsync(id, CancellationToken.None);
        Assert.Equal("Spring news", edition.Subject);
        Assert.Equal(ContentState.Draft, edition.State);

        // What was saved is the YAML the loader reads, with every value in its place.
        var diagnostics = new Diagnostics();
        var document = EditionReader.Read(new SourceText(edition.SourceName, edition.Source), diagnostics);
        Assert.False(diagnostics.HasErrors, diagnostics.Format());
        Assert.Equal(["en", "fr"], document!.Languages);
        Assert.Equal(2, document.Items.Count);
        Assert.Equal("Coopératives de travail", document.Items[0].Title.Variants["fr"].Value);
        Assert.Equal(["News", "Position paper"], document.Items[1].Tags);
        Assert.Equal("Our **spring** news.\nSecond line.\n", document.Intro.Variants["en"].Value);
        Assert.Equal("Nos nouvelles de printemps", document.Subject.Variants["fr"].Value);

        // The edition's page carries `editions validate`'s verdict, with the untranslated item as a warning.
        var page = await HtmlAsync(client, $"/admin/content/editions/{id}");
        Assert.Contains("Valid: CECOP Newsletter #", page);
        Assert.Contains("languages en, fr", page);
        Assert.Contains("1 of 2 news items have no &#x27;fr&#x27; title or summary (items 2)", page);

        // Editing it in the form shows what was saved; the list shows it.
        var edit = await HtmlAsync(client, $"{Compose}?id={id}");
        Assert.Contains("value=\"Coopératives de travail\"", edit);
        Assert.Contains($"name=\"Form.Number\" value=\"{edition.Number}\"", edit);
        Assert.Contains($"<a href=\"/admin/content/editions/{id}\">{edition.Title}</a>", await HtmlAsync(client, "/admin/content"));
    }

    [Fact]
    public async Task A_link_that_is_not_https_is_shown_next_to_its_field_and_nothing_is_saved()
    {
        using var client = await SignInAsync("admin");
        var before = await EditionCountAsync();

        using var response = await PostFormAsync(client, Compose, $"{Compose}?handler=Save", EditionFields("2026-05-11", "Broken link",
            ("Fine item", "https://cecop.coop/works/fine", "Bien"), ("Item with a bad link", "http://cecop.coop/works/plain", null)));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains("<a href=\"#Form_Items_1__Link\">News item 2, read-more link</a>", html);
        Assert.Matches("id=\"Form_Items_1__Link-problem\">&#x27;http://cecop.coop/works/plain&#x27; is not an absolute https link", html);
        Assert.Contains("aria-describedby=\"Form_Items_1__Link-problem\"", html);
        // The officer's values stay in the form.
        Assert.Contains("value=\"Item with a bad link\"", html);
        Assert.Equal(before, await EditionCountAsync());

        // A missing title is placed on the title field, though the loader reports it at the item's first line.
        var fields = EditionFields("2026-05-11", "Missing title", ("", "https://cecop.coop/works/fine", null));
        using var missing = await PostFormAsync(client, Compose, $"{Compose}?handler=Save", fields);
        var text = await missing.Content.ReadAsStringAsync();
        Assert.Contains("id=\"Form_Items_0__Title-problem\">&#x27;title&#x27; is missing", text);
        Assert.Equal(before, await EditionCountAsync());
    }

    [Fact]
    public async Task Warnings_of_an_edition_saved_from_the_form_link_to_their_fields_and_a_file_s_name_its_file_and_line()
    {
        using var client = await SignInAsync("editor");
        // The second item has no French, and the introduction types a template tag: two warnings, the edition is saved.
        var fields = EditionFields("2026-05-18", "Warned news", ("Translated item", "https://cecop.coop/works/one", "Article traduit"),
            ("Untranslated item", "https://cecop.coop/works/two", null));
        fields[fields.FindIndex(f => f.Item1 == "Form.Intro")] = ("Form.Intro", "Our **spring** news.\r\nDear {{ name }}, welcome.");
        using var saved = await PostFormAsync(client, Compose, $"{Compose}?handler=Save", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = long.Parse(saved.Headers.Location!.OriginalString.Split('/').Last());

        var page = await HtmlAsync(client, $"/admin/content/editions/{id}");
        Assert.Contains("Saved CECOP Newsletter", page);
        Assert.Contains($"<a href=\"/admin/content/editions/compose?id={id}#Form_Items_1__Title\">News item 2, title</a>): 1 of 2 news items have no &#x27;fr&#x27; title", page);
        Assert.Contains($"<a href=\"/admin/content/editions/compose?id={id}#Form_Intro\">Introduction</a>): &#x27;{{{{ name }}}}&#x27; will be printed as it is", page);
        // The YAML the form wrote is never seen, so none of its lines is named.
        Assert.DoesNotMatch(@"line \d+, column \d+", page);
        Assert.DoesNotContain("(admin compose form)", page[page.IndexOf("id=\"validation\"", StringComparison.Ordinal)..]);
        // The link leads to a field of that id on the form.
        Assert.Contains("id=\"Form_Items_1__Title\"", await HtmlAsync(client, $"{Compose}?id={id}"));

        // An edition loaded from a file keeps its line and column, and names the file.
        const string yaml = "publication: cecop-link\ndate: 2026-06-08\nlanguages: [en, fr]\nsubject:\n  en: June news\n  fr: Nouvelles de juin\nintro:\n  en: |\n    Hello members.\nitems: []\n";
        var (file, _) = await factory.Services.GetRequiredService<MailingContent>().SaveEditionAsync(new SourceText("editions/june-8.yaml", yaml), CancellationToken.None);
        var filePage = await HtmlAsync(client, $"/admin/content/editions/{file.Id}");
        Assert.Matches(@"<strong>Warning</strong> \(editions/june-8\.yaml, line 8, column \d+\): &#x27;intro&#x27; has no &#x27;fr&#x27; variant", filePage);
    }

    [Fact]
    public async Task The_unsaved_form_is_previewed_as_a_sample_reader_gets_it_escaped_sandboxed_and_not_saved()
    {
        using var client = await SignInAsync("editor");
        var compose = await HtmlAsync(client, Compose);
        Assert.Matches("<button type=\"submit\" class=\"secondary\" formaction=\"/admin/content/editions/compose\\?handler=Preview\" formtarget=\"_blank\" formnovalidate[^>]*>Preview this draft</button>", compose);
        Assert.Contains("<iframe class=\"preview\" name=\"draft-preview\" sandbox", compose);
        using (var get = await client.GetAsync(Compose))
            Assert.EndsWith("; frame-src 'self'", get.Headers.GetValues("Content-Security-Policy").Single());
        var before = await EditionCountAsync();

        var fields = EditionFields("2026-05-25", "Draft <b>subject</b>", ("<script>alert(1)</script> Care cooperatives", "https://cecop.coop/works/care", "Coopératives de soin"));
        using (var english = await PostFormAsync(client, Compose, $"{Compose}?handler=Preview", [.. fields, ("PreviewLanguage", "")]))
        {
            var html = await english.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, english.StatusCode);
            Assert.Equal("text/html", english.Content.Headers.ContentType!.MediaType);
            Assert.Contains("<html lang=\"en\"", html);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Care cooperatives", html);
            Assert.DoesNotContain("<script>alert", html);
            Assert.Contains("Draft &lt;b&gt;subject&lt;/b&gt;", html);
            Assert.Equal(PreviewPage.ContentSecurityPolicy, english.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("SAMEORIGIN", english.Headers.GetValues("X-Frame-Options").Single());
        }
        using (var french = await PostFormAsync(client, Compose, $"{Compose}?handler=Preview", [.. fields, ("PreviewLanguage", "fr")]))
        {
            var html = await french.Content.ReadAsStringAsync();
            Assert.Contains("<html lang=\"fr\"", html);
            Assert.Contains("Coopératives de soin", html);
        }

        // What stops it is said on the form's terms, in plain text the frame can show.
        var broken = EditionFields("2026-05-25", "Broken draft", ("Fine", "https://cecop.coop/works/fine", null), ("Plain link", "http://cecop.coop/works/plain", null));
        using (var refused = await PostFormAsync(client, Compose, $"{Compose}?handler=Preview", broken))
        {
            var text = await refused.Content.ReadAsStringAsync();
            // A half-written draft is no failed request (the page's console stays clean while the officer types).
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Equal("text/plain", refused.Content.Headers.ContentType!.MediaType);
            Assert.Contains("The draft cannot be shown yet:\n- News item 2, read-more link: 'http://cecop.coop/works/plain' is not an absolute https link", text);
            Assert.DoesNotMatch(@"line \d+", text);
            Assert.Equal("SAMEORIGIN", refused.Headers.GetValues("X-Frame-Options").Single());
        }
        Assert.Equal(before, await EditionCountAsync());
    }

    [Fact]
    public async Task Without_script_the_form_shown_again_puts_the_focus_on_the_block_added_or_the_removed_one_s_neighbour()
    {
        using var client = await SignInAsync("editor");
        var two = EditionFields("2026-06-01", "Focus", ("First", "https://cecop.coop/works/1", null), ("Second", "https://cecop.coop/works/2", null));
        var one = EditionFields("2026-06-01", "Focus", ("Only", "https://cecop.coop/works/1", null));

        async Task<string> FocusedAsync(string handler, List<(string, string)> fields, string? index = null)
        {
            using var response = await PostFormAsync(client, Compose, $"{Compose}?handler={handler}", index is null ? fields : [.. fields, ("index", index)]);
            var html = await response.Content.ReadAsStringAsync();
            var focused = System.Text.RegularExpressions.Regex.Matches(html, "<(?:input|select|button)[^>]*? autofocus=\"autofocus\"[^>]*>");
            // One field has it, outside the <template>s compose.js copies.
            return Assert.Single(focused, m => m.Index < html.IndexOf("<template", StringComparison.Ordinal)).Value;
        }

        Assert.Contains("id=\"Form_Items_2__Date\"", await FocusedAsync("AddItem", two));
        Assert.Contains("id=\"Form_Items_0__Date\"", await FocusedAsync("RemoveItem", two, "0"));
        Assert.Contains("id=\"Form_Items_0__Date\"", await FocusedAsync("RemoveItem", two, "1"));
        Assert.Contains("id=\"add-item\"", await FocusedAsync("RemoveItem", one, "0"));
        Assert.Contains("id=\"Form_Variants_1__Language\"", await FocusedAsync("AddLanguage", two));
        Assert.Contains("id=\"add-language\"", await FocusedAsync("RemoveLanguage", two, "0"));
    }

    [Fact]
    public async Task The_YAML_source_is_edited_through_the_same_checks()
    {
        using var client = await SignInAsync("editor");
        var content = factory.Services.GetRequiredService<MailingContent>();
        const string yaml = "publication: cecop-link\ndate: 2026-06-01\nsubject:\n  en: \"Members' June news\"\nintro:\n  en: |\n    Hello members.\nitems:\n  - date: 2026-05-30\n    title: Assembly\n    tags: [Event]\n    summary: |\n      The general assembly met.\n    link: https://cecop.coop/works/assembly\n";
        var (edition, _) = await content.SaveEditionAsync(new SourceText("editions/june.yaml", yaml), CancellationToken.None);
        var url = $"/admin/content/editions/source?id={edition.Id}";

        var page = await HtmlAsync(client, url);
        // The file gave no number; the text shown keeps this edition's, so saving changes it rather than adding one.
        Assert.Contains($"publication: cecop-link\nnumber: {edition.Number}\ndate: 2026-06-01", System.Net.WebUtility.HtmlDecode(page));

        var changed = $"publication: cecop-link\r\nnumber: {edition.Number}\r\n" + yaml[(yaml.IndexOf('\n') + 1)..].Replace("Members' June news", "June news for members").Replace("\n", "\r\n");
        using (var saved = await PostFormAsync(client, url, url, [("Id", edition.Id.ToString()), ("Source", changed)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal($"/admin/content/editions/{edition.Id}", saved.Headers.Location!.OriginalString);
        }
        var after = await factory.Services.GetRequiredService<EditionStore>().GetAsync(edition.Id, CancellationToken.None);
        Assert.Equal("June news for members", after.Subject);
        Assert.DoesNotContain('\r', after.Source);

        // A bad link: its line and column are shown, nothing changes.
        var broken = changed.Replace("https://cecop.coop/works/assembly", "ftp://cecop.coop/assembly");
        using (var refused = await PostFormAsync(client, url, url, [("Id", edition.Id.ToString()), ("Source", broken)]))
        {
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("line 15, column 11: &#x27;ftp://cecop.coop/assembly&#x27; is not an absolute https link", html);
            Assert.Contains("ftp://cecop.coop/assembly", html);
        }
        Assert.Equal("June news for members", (await factory.Services.GetRequiredService<EditionStore>().GetAsync(edition.Id, CancellationToken.None)).Subject);

        // Past draft, the service refuses it and the page says so in a sentence.
        await factory.Services.GetRequiredService<EditionStore>().SetStateAsync(edition.Id, ContentState.Sent, CancellationToken.None);
        using var late = await PostFormAsync(client, url, url, [("Id", edition.Id.ToString()), ("Source", changed.Replace("June news", "Late news"))]);
        Assert.Contains("is sent; only a draft can be changed.", await late.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Late news", (await factory.Services.GetRequiredService<EditionStore>().GetAsync(edition.Id, CancellationToken.None)).Subject);
    }

    [Fact]
    public async Task The_preview_renders_per_language_and_per_subscriber_in_a_sandboxed_frame()
    {
        using var client = await SignInAsync("viewer");
        var id = await ArchiveWebFactory.LoadAsync(factory.Services.GetRequiredService<MailingContent>(), "cecop-newsletter-2021-06.yaml", 7, "2022-06-15");

        using (var french = await client.GetAsync($"/admin/content/preview/edition/{id}/html?lang=fr"))
        {
            var html = await french.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, french.StatusCode);
            Assert.Contains("<html lang=\"fr\"", html);
            Assert.Contains("Ce printemps, l'économie sociale", html);
            Assert.Contains("frame-ancestors 'self'", french.Headers.GetValues("Content-Security-Policy").Single());
            Assert.DoesNotContain("script-src", french.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("SAMEORIGIN", french.Headers.GetValues("X-Frame-Options").Single());
        }
        using (var framing = await client.GetAsync($"/admin/content/preview/edition/{id}?lang=fr"))
            Assert.EndsWith("frame-ancestors 'none'; base-uri 'none'; frame-src 'self'", framing.Headers.GetValues("Content-Security-Policy").Single());
        var page = await HtmlAsync(client, $"/admin/content/preview/edition/{id}?lang=fr");
        Assert.Contains($"<iframe class=\"preview\" sandbox title=\"The HTML version of CECOP Newsletter #7 - 2022\" src=\"/admin/content/preview/edition/{id}/html?lang=fr\"></iframe>", page);
        Assert.Matches("<pre class=\"text-version\"[^>]*>[^<]*Ce printemps, l&#x27;économie sociale", page);
        // Every other page still refuses to be framed.
        using (var other = await client.GetAsync("/admin/content"))
            Assert.Equal("DENY", other.Headers.GetValues("X-Frame-Options").Single());

        await AddSubscriberAsync(factory, "zoe@example.org", ["external-newsletter"], name: "Zoë <b>Bold</b> & Co");
        using (var personal = await client.GetAsync($"/admin/content/preview/edition/{id}/html?subscriber=zoe@example.org"))
        {
            var html = await personal.Content.ReadAsStringAsync();
            Assert.Contains("Zoë &lt;b&gt;Bold&lt;/b&gt; &amp; Co", html);
            Assert.DoesNotContain("<b>Bold</b>", html);
        }
        var forSubscriber = await HtmlAsync(client, $"/admin/content/preview/edition/{id}?subscriber=zoe%40example.org");
        Assert.Contains("Zoë &lt;b&gt;Bold&lt;/b&gt; &amp; Co &lt;zoe@example.org&gt;", forSubscriber);
        Assert.Contains("Zoë &lt;b&gt;Bold&lt;/b&gt; &amp; Co", forSubscriber[forSubscriber.IndexOf("<pre", StringComparison.Ordinal)..]);

        var unknown = await HtmlAsync(client, $"/admin/content/preview/edition/{id}?subscriber=nobody%40example.org");
        Assert.Contains("nobody@example.org is not a subscriber", unknown);
        using var unknownFrame = await client.GetAsync($"/admin/content/preview/edition/{id}/html?subscriber=nobody@example.org");
        Assert.Equal(HttpStatusCode.NotFound, unknownFrame.StatusCode);
    }

    [Fact]
    public async Task A_test_copy_reaches_the_outbox()
    {
        using var client = await SignInAsync("editor");
        var id = await ArchiveWebFactory.LoadAsync(factory.Services.GetRequiredService<MailingContent>(), "cecop-newsletter-2021-06.yaml", 8, "2022-07-15");
        var url = $"/admin/content/preview/edition/{id}";
        var before = factory.OutboxMessages().Count;

        using var response = await PostFormAsync(client, url, $"{url}?handler=TestSend", [("TestEmail", "officer@cecop.example"), ("Lang", ""), ("Subscriber", "")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var messages = await OutboxAsync(factory, before + 1);
        var message = Assert.Single(messages.Skip(before));
        Assert.Contains("To: officer@cecop.example", message);
        Assert.Matches("Subject: .*TEST", message);
        Assert.Contains("A test copy marked [TEST] was sent to officer@cecop.example.", await HtmlAsync(client, response.Headers.Location!.OriginalString));

        using var refused = await PostFormAsync(client, url, $"{url}?handler=TestSend", [("TestEmail", "not an address")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("role=\"alert\"", await refused.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, factory.OutboxMessages().Count);
    }

    [Fact]
    public async Task A_campaign_shows_the_timeline_of_its_mailings()
    {
        using var client = await SignInAsync("viewer");
        var (campaign, _) = await factory.Services.GetRequiredService<MailingContent>()
            .LoadCampaignAsync(Path.Combine(ContentTestBed.Repository, "campaigns", "coopskills2023"), CancellationToken.None);

        var index = await HtmlAsync(client, "/admin/content");
        Assert.Contains($"<a href=\"/admin/content/campaigns/{campaign.Slug}\">{campaign.Name}</a>", index);
        Assert.Contains(campaign.Hashtag, index);

        var html = await HtmlAsync(client, $"/admin/content/campaigns/{campaign.Slug}");
        var mailings = await factory.Services.GetRequiredService<CecopComms.Content.Campaigns.CampaignStore>().MailingsAsync(campaign, CancellationToken.None);
        Assert.Equal(4, mailings.Count);
        var positions = mailings.OrderBy(m => m.PlannedAt).Select(m =>
        {
            Assert.Contains($"href=\"/admin/content/preview/campaign-mailing/{m.Id}\"", html);
            return html.IndexOf(System.Net.WebUtility.HtmlEncode(m.Title), StringComparison.Ordinal);
        }).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Contains($"{campaign.StartsOn} to {campaign.EndsOn}", html);

        var preview = await HtmlAsync(client, $"/admin/content/preview/campaign-mailing/{mailings[0].Id}");
        Assert.Contains("<iframe class=\"preview\" sandbox", preview);
    }

    [Fact]
    public async Task Viewers_read_but_every_change_is_forbidden()
    {
        using var client = await SignInAsync("viewer");
        var id = await ArchiveWebFactory.LoadAsync(factory.Services.GetRequiredService<MailingContent>(), "cecop-newsletter-2021-06.yaml", 9, "2022-08-15");
        var before = await EditionCountAsync();
        var compose = await HtmlAsync(client, $"{Compose}?id={id}");
        Assert.DoesNotContain("Save the edition", compose);
        Assert.Contains("You can read editions", compose);
        var csrf = await CsrfAsync(client, Compose);

        foreach (var url in new[] { $"{Compose}?handler=Save", $"{Compose}?handler=AddItem", $"{Compose}?handler=RemoveItem", $"{Compose}?handler=AddLanguage", $"{Compose}?handler=Preview",
                     "/admin/content/editions/source", $"/admin/content/editions/source?id={id}", $"/admin/content/preview/edition/{id}?handler=TestSend" })
        {
            using var response = await PostAsync(client, url, [("__csrf", csrf), .. EditionFields("2026-09-01", "Viewer's edition", ("Item", "https://cecop.coop/x", null)),
                ("Source", "publication: cecop-newsletter\ndate: 2026-09-01\nsubject: x\nintro: y\nitems: []\n"), ("TestEmail", "viewer@example.org")]);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{url}: {response.StatusCode}");
        }
        Assert.Equal(before, await EditionCountAsync());
        Assert.DoesNotContain(factory.OutboxMessages(), m => m.Contains("viewer@example.org", StringComparison.Ordinal));
    }
}
