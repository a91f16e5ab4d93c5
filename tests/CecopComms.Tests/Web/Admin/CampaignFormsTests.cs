using System.Net;
using System.Text.Json;
using CecopComms.Content;
using CecopComms.Content.Campaigns;
using CecopComms.Tests.ContentTests;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Tests.Web.Admin.SendingStaff;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// Campaigns made and changed in the admin area: a new campaign, its definition changed, mailings added, changed and
/// removed, each saved as the files `cecop campaigns load` reads and through the same checks, problems placed on their
/// fields, mailings past draft and the audience they went to kept, viewers kept to reading, hostile text escaped.
/// </summary>
public sealed class CampaignFormsTests(CecopWebFactory factory) : IClassFixture<CecopWebFactory>
{
    private const string NewCampaign = "/admin/content/campaign-definition";

    private CampaignStore Store => factory.Services.GetRequiredService<CampaignStore>();

    // The hashtag is the slug's unless told, so each test finds its own lines in the activity log.
    private static (string, string)[] CampaignFields(string slug, string name = "Cooperatives at work", string? hashtag = null,
        string audience = "list:external-newsletter", params string[] languages) =>
    [
        ("Form.Slug", slug), ("Form.Name", name), ("Form.Hashtag", hashtag ?? "#" + slug.Replace("-", "")), ("Form.Starts", "2026-03-01"), ("Form.Ends", "2026-10-31"),
        ("Form.Audience", audience), ("Form.FromName", "CECOP"), ("Form.FromAddress", "communication@cecop.coop"), ("Form.ReplyTo", ""),
        ("Form.Template", "campaign"), .. languages.Select(l => ("Form.Languages", l)),
    ];

    private static (string, string)[] MailingFields(string slug, string planned, string subject, string body, string? italianBody = null, string italianSubject = "Le cooperative al lavoro") =>
    [
        ("Form.Slug", slug), ("Form.Title", "the opening"), ("Form.Planned", planned),
        ("Form.Texts[0].Language", "en"), ("Form.Texts[0].Subject", subject), ("Form.Texts[0].Preheader", ""), ("Form.Texts[0].Body", body),
        ("Form.Texts[1].Language", "it"), ("Form.Texts[1].Subject", italianBody is null ? "" : italianSubject), ("Form.Texts[1].Preheader", ""),
        ("Form.Texts[1].Body", italianBody ?? ""),
    ];

    private static async Task<string> HtmlAsync(HttpClient client, string url, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<Campaign> CreateAsync(HttpClient client, string slug, params string[] languages)
    {
        using var response = await SubmitAsync(client, NewCampaign, NewCampaign, CampaignFields(slug, languages: languages));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        Assert.Equal($"/admin/content/campaigns/{slug}", response.Headers.Location!.OriginalString);
        return await Store.GetAsync(slug, CancellationToken.None);
    }

    private async Task<string[]> ActionsAsync(string subjectPart)
    {
        await using var connection = await factory.Database.OpenAsync();
        return (await connection.QueryAsync<string>("SELECT action FROM activity WHERE replace(subject, @subjectPart, '') <> subject ORDER BY id", new { subjectPart })).ToArray();
    }

    // A copy of campaigns/coopskills2023 under another folder name, so a test can change its states alone.
    private async Task<Campaign> LoadCoopSkillsAsAsync(string slug)
    {
        var folder = factory.Workspace.Path(Path.Combine("folders", slug));
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(ContentTestBed.Repository, "campaigns", "coopskills2023")))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        return (await factory.Services.GetRequiredService<MailingContent>().LoadCampaignAsync(folder, CancellationToken.None)).Campaign;
    }

    [Fact]
    public async Task A_campaign_and_a_mailing_made_in_the_web_are_what_their_files_would_load()
    {
        using var client = await SignInAsync(factory, "editor");
        var index = await HtmlAsync(client, "/admin/content");
        Assert.Contains($"href=\"{NewCampaign}\"", index);

        var campaign = await CreateAsync(client, "coops-at-work", "it");
        Assert.Equal(("#coopsatwork", "Cooperatives at work", "2026-03-01", "2026-10-31", "list:external-newsletter"),
            (campaign.Hashtag, campaign.Name, campaign.StartsOn, campaign.EndsOn, campaign.Audience));
        var page = await HtmlAsync(client, "/admin/content/campaigns/coops-at-work");
        Assert.Contains("Created the campaign Cooperatives at work.", page);

        var mailingPage = "/admin/content/campaign-mailing/coops-at-work";
        var form = await HtmlAsync(client, mailingPage);
        // A new mailing offers English and the campaign's Italian; the form carries its own antiforgery field, besides sign-out's.
        Assert.Contains("name=\"Form.Texts[1].Body\"", form);
        Assert.True(form.Split("name=\"__csrf\"").Length >= 3, "the mailing form has no antiforgery field");
        Assert.True((await HtmlAsync(client, NewCampaign)).Split("name=\"__csrf\"").Length >= 3, "the campaign form has no antiforgery field");
        // "Add a language" shows the form again with one more block and what was typed; nothing is saved.
        using (var more = await SubmitAsync(client, mailingPage, $"{mailingPage}?handler=AddLanguage", MailingFields("01-opening", "2026-07-11T10:00", "Typed subject", "Typed text.")))
        {
            var html = await more.Content.ReadAsStringAsync();
            Assert.Contains("name=\"Form.Texts[2].Body\"", html);
            Assert.Contains("value=\"Typed subject\"", html);
        }
        Assert.Empty(await Store.MailingsAsync(campaign, CancellationToken.None));
        using (var added = await SubmitAsync(client, mailingPage, $"{mailingPage}?handler=Save",
            MailingFields("01-opening", "2026-07-11T10:00", "Cooperatives at work", "Our **campaign** starts.\r\nRead [more](https://cecop.coop/work).", "La nostra **campagna** comincia.")))
        {
            Assert.True(added.StatusCode == HttpStatusCode.Redirect, await added.Content.ReadAsStringAsync());
            Assert.Equal($"{mailingPage}/01-opening", added.Headers.Location!.OriginalString);
        }
        var mailing = Assert.Single(await Store.MailingsAsync(campaign, CancellationToken.None));
        // 10:00 in Brussels in July is 08:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 7, 11, 8, 0, 0, TimeSpan.Zero), mailing.PlannedAt.ToUniversalTime());
        Assert.Equal("#coopsatwork: the opening", mailing.Title);
        var files = JsonSerializer.Deserialize<Dictionary<string, string>>(mailing.Files)!;
        Assert.Equal(["01-opening.it.md", "01-opening.md"], files.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("---\ntitle: the opening\nsubject: Cooperatives at work\n---\nOur **campaign** starts.\nRead [more]", files["01-opening.md"]);
        var saved = await HtmlAsync(client, $"{mailingPage}/01-opening");
        Assert.Contains("Saved the mailing 01-opening.", saved);
        Assert.Contains($"href=\"/admin/content/preview/campaign-mailing/{mailing.Id}\"", saved);
        Assert.Contains("value=\"2026-07-11T10:00\"", saved);

        // The same texts as a folder load to the same campaign: what the web saved is what the files hold.
        campaign = await Store.GetAsync("coops-at-work", CancellationToken.None);
        var folder = factory.Workspace.Path(Path.Combine("export", "coops-at-work"));
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, CampaignReader.FileName), campaign.Source);
        foreach (var (name, text) in files) await File.WriteAllTextAsync(Path.Combine(folder, name), text);
        var (loaded, _) = await factory.Services.GetRequiredService<MailingContent>().LoadCampaignAsync(folder, CancellationToken.None);
        Assert.Equal(campaign.Source, loaded.Source);
        var again = Assert.Single(await Store.MailingsAsync(loaded, CancellationToken.None));
        Assert.Equal((mailing.Id, mailing.Title, mailing.PlannedAt, mailing.Files), (again.Id, again.Title, again.PlannedAt, again.Files));
        Assert.Contains("planned: 2026-07-11T10:00:00+02:00", campaign.Source);
        Assert.Contains("languages: [en, it]", campaign.Source);

        Assert.Equal(["create-campaign", "add-mailing"], await ActionsAsync("#coopsatwork "));
    }

    [Fact]
    public async Task A_definition_is_changed_and_a_draft_mailing_is_changed_then_removed_after_a_confirmation()
    {
        using var client = await SignInAsync(factory, "editor");
        var campaign = await CreateAsync(client, "changing-coops");
        var definition = $"{NewCampaign}/changing-coops";
        using (var changed = await SubmitAsync(client, definition, definition,
            CampaignFields("ignored-slug", name: "Cooperatives that change", hashtag: "#ChangingCoops", languages: "fr")))
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        campaign = await Store.GetAsync("changing-coops", CancellationToken.None);
        Assert.Equal(("Cooperatives that change", "#ChangingCoops"), (campaign.Name, campaign.Hashtag));
        Assert.Null(await Store.FindAsync("ignored-slug", CancellationToken.None));
        Assert.Contains("languages: [en, fr]", campaign.Source);

        var mailingPage = "/admin/content/campaign-mailing/changing-coops";
        using (var added = await SubmitAsync(client, mailingPage, $"{mailingPage}?handler=Save", MailingFields("01-first", "2026-04-02T09:30", "First words", "The first text.")))
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var edit = $"{mailingPage}/01-first";
        using (var edited = await SubmitAsync(client, edit, $"{edit}?handler=Save", MailingFields("other", "2026-04-03T09:30", "Second words", "The second text.")))
            Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var mailing = Assert.Single(await Store.MailingsAsync(campaign, CancellationToken.None));
        Assert.Equal("01-first", mailing.Slug);
        Assert.Contains("subject: Second words", JsonSerializer.Deserialize<Dictionary<string, string>>(mailing.Files)!["01-first.md"]);
        Assert.Equal(new DateTimeOffset(2026, 4, 3, 7, 30, 0, TimeSpan.Zero), mailing.PlannedAt.ToUniversalTime());

        // Removing asks first; only the confirmation removes it.
        using (var asked = await SubmitAsync(client, edit, $"{edit}?handler=Remove"))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            Assert.Contains("id=\"confirm-remove-heading\"", await asked.Content.ReadAsStringAsync());
        }
        Assert.Single(await Store.MailingsAsync(campaign, CancellationToken.None));
        using (var removed = await SubmitAsync(client, edit, $"{edit}?handler=Remove", ("confirmed", "yes")))
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty(await Store.MailingsAsync(campaign, CancellationToken.None));
        Assert.DoesNotContain("01-first", (await Store.GetAsync("changing-coops", CancellationToken.None)).Source);
        Assert.Equal(["edit-campaign", "add-mailing", "edit-mailing", "remove-mailing"], await ActionsAsync("#ChangingCoops"));
    }

    [Fact]
    public async Task Markdown_and_definition_problems_are_shown_on_their_fields_and_nothing_is_saved()
    {
        using var client = await SignInAsync(factory, "editor");
        using (var bad = await SubmitAsync(client, NewCampaign, NewCampaign, CampaignFields("bad-coops", hashtag: "NoHash")))
        {
            var html = await bad.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Contains("<a href=\"#Form_Hashtag\">Hashtag</a>", html);
            Assert.Contains("id=\"Form_Hashtag-problem\">&#x27;hashtag&#x27; starts with #</p>", html);
            Assert.DoesNotContain("line ", html);
        }
        Assert.Null(await Store.FindAsync("bad-coops", CancellationToken.None));
        using (var taken = await SubmitAsync(client, NewCampaign, NewCampaign, CampaignFields("Bad Slug")))
            Assert.Contains("id=\"Form_Slug-problem\">", await taken.Content.ReadAsStringAsync());

        var campaign = await CreateAsync(client, "checked-coops", "it");
        var mailingPage = "/admin/content/campaign-mailing/checked-coops";
        using (var broken = await SubmitAsync(client, mailingPage, $"{mailingPage}?handler=Save",
            MailingFields("01-broken", "2026-05-05T10:00", "Fine subject", "A fine text.", "Un testo\n\ncon un [link](http://cecop.coop/plain).")))
        {
            var html = await broken.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
            Assert.Contains("<a href=\"#Form_Texts_1__Body\">it, text</a>", html);
            Assert.Contains("id=\"Form_Texts_1__Body-problem\">&#x27;http://cecop.coop/plain&#x27; is not an absolute https link", html);
            Assert.Contains("aria-describedby=\"Form_Texts_1__Body-problem\"", html);
            Assert.DoesNotContain(", line ", html);
            // The officer's text stays in the form.
            Assert.Contains("con un [link](http://cecop.coop/plain).</textarea>", html);
        }
        using (var missing = await SubmitAsync(client, mailingPage, $"{mailingPage}?handler=Save", MailingFields("01-empty", "2026-05-05T10:00", "", "")))
        {
            var html = await missing.Content.ReadAsStringAsync();
            Assert.Contains("id=\"Form_Texts_0__Subject-problem\">", html);
            Assert.Contains("id=\"Form_Texts_0__Body-problem\">the mailing has no text after its front matter", html);
        }
        // A time the clocks skip in spring (Brussels, 29 March 2026, 02:00 to 03:00) is refused on its field.
        using (var skipped = await SubmitAsync(client, mailingPage, $"{mailingPage}?handler=Save", MailingFields("01-skipped", "2026-03-29T02:30", "Subject", "Text.")))
            Assert.Contains("id=\"Form_Planned-problem\">", await skipped.Content.ReadAsStringAsync());
        Assert.Empty(await Store.MailingsAsync(campaign, CancellationToken.None));
    }

    [Fact]
    public async Task Assets_are_added_changed_and_removed_on_the_definition_form_and_a_plain_http_link_is_refused_on_them()
    {
        using var client = await SignInAsync(factory, "editor");
        await CreateAsync(client, "asset-coops", "it");
        var page = $"{NewCampaign}/asset-coops";
        (string, string)[] Asset(int row, string kind, string url, string english, string italian, bool remove = false) =>
        [
            ($"Form.Assets[{row}].Kind", kind), ($"Form.Assets[{row}].Url", url),
            ($"Form.Assets[{row}].Titles[0].Language", "en"), ($"Form.Assets[{row}].Titles[0].Text", english),
            ($"Form.Assets[{row}].Titles[1].Language", "it"), ($"Form.Assets[{row}].Titles[1].Text", italian),
            .. remove ? new[] { ($"Form.Assets[{row}].Remove", "true") } : [],
        ];
        var fields = CampaignFields("asset-coops", languages: ["it"]);

        using (var added = await SubmitAsync(client, page, page, [.. fields, .. Asset(0, "video", "https://cecop.coop/campaigns/docuseries", "The docuseries", "La docuserie")]))
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var source = (await Store.GetAsync("asset-coops", CancellationToken.None)).Source;
        Assert.Contains("assets:", source);
        Assert.Contains("url: https://cecop.coop/campaigns/docuseries", source);
        Assert.Contains("it: La docuserie", source);
        var form = System.Net.WebUtility.HtmlDecode(await HtmlAsync(client, page));
        Assert.Contains("name=\"Form.Assets[0].Titles[1].Text\" value=\"La docuserie\"", form);
        // The empty row for the next one follows.
        Assert.Contains("name=\"Form.Assets[1].Url\" value=\"\"", form);

        using (var plain = await SubmitAsync(client, page, page, [.. fields, .. Asset(0, "report", "http://cecop.coop/plain", "A report", "")]))
        {
            var html = await plain.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            Assert.Contains("id=\"Form_Assets-problem\">", html);
            Assert.Contains("http://cecop.coop/plain", html);
        }
        Assert.Contains("https://cecop.coop/campaigns/docuseries", (await Store.GetAsync("asset-coops", CancellationToken.None)).Source);

        using (var removed = await SubmitAsync(client, page, page, [.. fields, .. Asset(0, "video", "https://cecop.coop/campaigns/docuseries", "The docuseries", "La docuserie", remove: true)]))
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotContain("assets:", (await Store.GetAsync("asset-coops", CancellationToken.None)).Source);
    }

    [Fact]
    public async Task Values_the_page_does_not_offer_are_refused_in_a_sentence_and_nothing_is_saved()
    {
        using var client = await SignInAsync(factory, "editor");
        foreach (var (fields, sentence) in new[]
        {
            (CampaignFields("odd-audience", audience: "list:../../x"), "Choose the campaign&#x27;s audience among the lists and segments offered."),
            (CampaignFields("no-segment", audience: "segment:nope"), "Choose the campaign&#x27;s audience among the lists and segments offered."),
            ([.. CampaignFields("the-layout").Where(f => f.Item1 != "Form.Template"), ("Form.Template", "layout")], "Choose the campaign&#x27;s template among those offered."),
            (CampaignFields("long-name", name: new string('n', 201)), "The campaign&#x27;s name and hashtag hold at most 200 characters each."),
        })
        {
            using var refused = await SubmitAsync(client, NewCampaign, NewCampaign, fields);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(sentence, await refused.Content.ReadAsStringAsync());
        }
        Assert.Null(await Store.FindAsync("odd-audience", CancellationToken.None));
        Assert.Null(await Store.FindAsync("the-layout", CancellationToken.None));

        var campaign = await CreateAsync(client, "tagged-coops", "it");
        var mailingPage = "/admin/content/campaign-mailing/tagged-coops";
        // A year no calendar offset reaches was a server error; languages that are no tag, or English again, would have
        // become file names that replace the English text.
        using (var early = await SubmitAsync(client, mailingPage, $"{mailingPage}?handler=Save", MailingFields("01-early", "0001-01-01T00:00", "Subject", "Text.")))
        {
            Assert.Equal(HttpStatusCode.OK, early.StatusCode);
            Assert.Contains("id=\"Form_Planned-problem\">", await early.Content.ReadAsStringAsync());
        }
        foreach (var language in new[] { "zz/zz", ".fr", "EN" })
        {
            var fields = MailingFields("01-tagged", "2026-05-05T10:00", "English subject", "English text.", "Altro testo.")
                .Select(f => f.Item1 == "Form.Texts[1].Language" ? (f.Item1, language) : f).ToArray();
            using var refused = await SubmitAsync(client, mailingPage, $"{mailingPage}?handler=Save", fields);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("id=\"Form_Texts_1__Language-problem\">", await refused.Content.ReadAsStringAsync());
        }
        Assert.Empty(await Store.MailingsAsync(campaign, CancellationToken.None));
    }

    [Fact]
    public async Task Hostile_text_is_escaped_and_a_line_break_never_reaches_a_subject()
    {
        using var client = await SignInAsync(factory, "editor");
        using (var created = await SubmitAsync(client, NewCampaign, NewCampaign, CampaignFields("hostile-coops", name: "<script>alert(1)</script> coops")))
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var campaign = await Store.GetAsync("hostile-coops", CancellationToken.None);
        var page = await HtmlAsync(client, "/admin/content/campaigns/hostile-coops");
        Assert.DoesNotContain("<script>alert(1)", page);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; coops", page);

        var mailingPage = "/admin/content/campaign-mailing/hostile-coops";
        using (var added = await SubmitAsync(client, mailingPage, $"{mailingPage}?handler=Save",
            MailingFields("01-hostile", "2026-06-01T10:00", "Hello\r\nBcc: everyone@example.org", "<script>alert(2)</script> and text.")))
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var mailing = Assert.Single(await Store.MailingsAsync(campaign, CancellationToken.None));
        var english = JsonSerializer.Deserialize<Dictionary<string, string>>(mailing.Files)!["01-hostile.md"];
        Assert.Contains("subject: 'Hello Bcc: everyone@example.org'\n", english);
        var compiled = await factory.Services.GetRequiredService<MailingContent>()
            .CompileMailingAsync(new MailingSource(MailingSourceKind.CampaignMailing, mailing.Id), CancellationToken.None);
        Assert.DoesNotContain('\n', compiled.Title);
        var form = await HtmlAsync(client, $"{mailingPage}/01-hostile");
        Assert.DoesNotContain("<script>alert(2)", form);
        Assert.Contains("&lt;script&gt;alert(2)&lt;/script&gt; and text.</textarea>", form);
    }

    [Fact]
    public async Task Viewers_read_the_forms_but_every_post_is_forbidden()
    {
        using var editor = await SignInAsync(factory, "editor");
        var campaign = await CreateAsync(editor, "viewed-coops");
        var mailingPage = "/admin/content/campaign-mailing/viewed-coops";
        using (var added = await SubmitAsync(editor, mailingPage, $"{mailingPage}?handler=Save", MailingFields("01-read", "2026-06-01T10:00", "Read me", "Text.")))
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var before = (await Store.GetAsync("viewed-coops", CancellationToken.None)).Source;

        using var viewer = await SignInAsync(factory, "viewer");
        var form = await HtmlAsync(viewer, $"{mailingPage}/01-read");
        Assert.Contains("You can read campaigns", form);
        Assert.DoesNotContain("Save the mailing", form);
        Assert.DoesNotContain("Add a mailing", await HtmlAsync(viewer, "/admin/content/campaigns/viewed-coops"));
        Assert.DoesNotContain("Create the campaign", await HtmlAsync(viewer, NewCampaign));
        var csrf = await CsrfAsync(viewer, NewCampaign);
        foreach (var url in new[] { NewCampaign, $"{NewCampaign}/viewed-coops", $"{mailingPage}?handler=Save", $"{mailingPage}/01-read?handler=Save",
                     $"{mailingPage}/01-read?handler=Remove", $"{mailingPage}/01-read?handler=AddLanguage", $"{mailingPage}/01-read?handler=RemoveLanguage" })
        {
            using var response = await PostAsync(viewer, url, [("__csrf", csrf), ("confirmed", "yes"), ("index", "1"),
                .. CampaignFields("viewer-coops"), .. MailingFields("02-viewer", "2026-06-02T10:00", "Viewer", "Viewer text.")]);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{url}: {response.StatusCode}");
        }
        Assert.Null(await Store.FindAsync("viewer-coops", CancellationToken.None));
        Assert.Equal(before, (await Store.GetAsync("viewed-coops", CancellationToken.None)).Source);
        Assert.Equal("01-read", Assert.Single(await Store.MailingsAsync(campaign, CancellationToken.None)).Slug);
    }

    [Fact]
    public async Task The_loaded_coopskills2023_opens_in_the_forms_with_its_values()
    {
        using var client = await SignInAsync(factory, "editor");
        await LoadCoopSkillsAsAsync("coopskills2023");
        var definition = System.Net.WebUtility.HtmlDecode(await HtmlAsync(client, $"{NewCampaign}/coopskills2023"));
        Assert.Contains("name=\"Form.Name\" value=\"The many skills of worker and social cooperatives\"", definition);
        Assert.Contains("name=\"Form.Hashtag\" value=\"#CoopSkills2023\"", definition);
        Assert.Contains("name=\"Form.Starts\" value=\"2023-07-01\"", definition);
        Assert.Contains("name=\"Form.Ends\" value=\"2023-12-31\"", definition);
        Assert.Contains("<option value=\"list:external-newsletter\" selected=\"selected\">", definition);
        Assert.Contains("name=\"Form.FromAddress\" value=\"communication@cecop.coop\"", definition);
        Assert.Matches("id=\"Form_Languages_it\" name=\"Form.Languages\" value=\"it\" checked", definition);
        // Its three assets, with their English and Italian titles, each in a row of its own.
        Assert.Contains("name=\"Form.Assets[2].Titles[1].Text\" value=\"Workers buyout: il rapporto della conferenza\"", definition);
        Assert.Contains("name=\"Form.Assets[2].Url\" value=\"https://cecop.coop/works/workers-buyouts-conference-report\"", definition);

        var launch = System.Net.WebUtility.HtmlDecode(await HtmlAsync(client, "/admin/content/campaign-mailing/coopskills2023/01-launch"));
        Assert.Contains("name=\"Form.Title\" value=\"the launch\"", launch);
        Assert.Contains("name=\"Form.Planned\" value=\"2023-07-11T10:00\"", launch);
        Assert.Contains("name=\"Form.Texts[0].Subject\" value=\"#CoopSkills2023: the many skills of worker and social cooperatives\"", launch);
        Assert.Contains("name=\"Form.Texts[1].Subject\" value=\"#CoopSkills2023: le tante competenze delle cooperative di lavoro e sociali\"", launch);
        Assert.Contains("2023 is the **European Year of Skills**", launch);

        var page = await HtmlAsync(client, "/admin/content/campaigns/coopskills2023");
        Assert.Contains("https://cecop.coop/works/workers-buyouts-conference-report", page);
        Assert.Contains("Workers buyouts: the conference report", page);
    }

    [Fact]
    public async Task A_sent_mailing_is_read_only_and_the_audience_it_went_to_stays()
    {
        using var client = await SignInAsync(factory, "editor");
        var campaign = await LoadCoopSkillsAsAsync("coopskills-sent");
        var mailings = await Store.MailingsAsync(campaign, CancellationToken.None);
        var sent = mailings.Single(m => m.Slug == "01-launch");
        await Store.SetStateAsync(sent.Id, ContentState.Sent, CancellationToken.None);

        var edit = "/admin/content/campaign-mailing/coopskills-sent/01-launch";
        var form = await HtmlAsync(client, edit);
        Assert.Contains("only a draft can be changed", form);
        Assert.DoesNotContain("Save the mailing", form);
        foreach (var handler in new[] { "Save", "Remove", "AddLanguage" })
        {
            using var refused = await SubmitAsync(client, edit, $"{edit}?handler={handler}", [("confirmed", "yes"), .. MailingFields("01-launch", "2023-07-12T10:00", "Changed", "Changed text.")]);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }
        var after = await Store.GetMailingAsync(sent.Id, CancellationToken.None);
        Assert.Equal((sent.Files, sent.PlannedAt), (after.Files, after.PlannedAt));

        // The form keeps the audience; the service refuses a changed one, as it does for a folder.
        var definition = "/admin/content/campaign-definition/coopskills-sent";
        Assert.Contains("its audience, sender and template stay as they are", await HtmlAsync(client, definition));
        using (var saved = await SubmitAsync(client, definition, definition, CampaignFields("coopskills-sent", name: "Skills, renamed", audience: "list:cecop-link")))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        campaign = await Store.GetAsync("coopskills-sent", CancellationToken.None);
        Assert.Equal(("Skills, renamed", "list:external-newsletter"), (campaign.Name, campaign.Audience));
        var files = mailings.SelectMany(m => JsonSerializer.Deserialize<Dictionary<string, string>>(m.Files)!).ToDictionary();
        var refusedChange = await Assert.ThrowsAsync<ContentValidationException>(() => factory.Services.GetRequiredService<MailingContent>()
            .SaveCampaignAsync("coopskills-sent", campaign.Source.Replace("audience: list:external-newsletter", "audience: list:cecop-link"), files, CancellationToken.None));
        Assert.Contains("'audience' cannot change: 01-launch.md is already scheduled or sent with 'list:external-newsletter'", refusedChange.Message);
        Assert.Equal("list:external-newsletter", (await Store.GetAsync("coopskills-sent", CancellationToken.None)).Audience);
    }
}
