using CecopComms.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CecopComms.Audience;
using CecopComms.Web.Admin;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// /admin/audiences through the web host: finding and filtering people, adding and changing them and organisations,
/// importing a CSV with bad rows, exporting, lists, segments with their live count; viewers read but cannot change,
/// and every form needs its antiforgery field.
/// </summary>
public sealed class AudiencesTests(CecopWebFactory factory) : IClassFixture<CecopWebFactory>
{
    private const string Password = "correct horse battery staple";

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@cecop.example";
        await factory.Services.GetRequiredService<UserStore>().AddAsync(email, role, role, Password, CancellationToken.None, iterations: 10_000);
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var csrf = await CsrfAsync(client, "/admin/login");
        using var response = await PostAsync(client, "/admin/login", ("__csrf", csrf), ("Email", email), ("Password", Password), ("ReturnUrl", "/admin"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>POSTs a form with the page's antiforgery field and follows the redirect, returning the page shown.</summary>
    private static async Task<(HttpResponseMessage Response, string Html)> SubmitAsync(HttpClient client, string url, params (string Name, string Value)[] fields)
    {
        var csrf = await CsrfAsync(client, url);
        var response = await PostAsync(client, url, [("__csrf", csrf), .. fields]);
        if (response.StatusCode == HttpStatusCode.Redirect)
            return (response, await PageAsync(client, response.Headers.Location!.OriginalString));
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv, string kind, string? list, bool dryRun, bool withCsrf = true,
        string fileName = "contacts.csv")
    {
        using var form = new MultipartFormDataContent();
        if (withCsrf) form.Add(new StringContent(await CsrfAsync(client, "/admin/audiences/import")), "__csrf");
        form.Add(new StringContent(kind), "Kind");
        if (list is not null) form.Add(new StringContent(list), "List");
        if (dryRun) form.Add(new StringContent("true"), "DryRun");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Upload", fileName);
        return await client.PostAsync("/admin/audiences/import", form);
    }

    /// <summary>Presses the import button with the id of a file kept on the server instead of a file.</summary>
    private static async Task<(HttpResponseMessage Response, string Html)> ImportHeldAsync(HttpClient client, string held, string kind, string? list) =>
        await SubmitAsync(client, "/admin/audiences/import", [("Held", held), ("Kind", kind), .. list is null ? Array.Empty<(string, string)>() : [("List", list)]]);

    private static string HeldId(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"Held\" value=\"([0-9a-f]{32})\"").Groups[1].Value;

    private string HeldFolder(string id) => Path.Combine(Path.GetDirectoryName(factory.Workspace.DatabasePath)!, "import-uploads", id);

    [Fact]
    public async Task A_dry_run_offers_import_it_now_which_imports_the_same_file_once_and_only_for_its_owner()
    {
        using var client = await SignedInAsync("editor");
        using var other = await SignedInAsync("editor");
        const string csv = "email;name\nnow.one@example.org;One\nnow.two@example.org;Two\nnot-an-address;\"=HYPERLINK(\"\"x\"\")\"\n";
        using var dry = await UploadAsync(client, csv, "subscribers", "external-newsletter", dryRun: true, fileName: "members.csv");
        var page = await PageAsync(client, dry.Headers.Location!.OriginalString);
        var held = HeldId(page);
        Assert.Contains("Import it now", page);
        Assert.True(Directory.Exists(HeldFolder(held)));

        // The error report is the input's shape: semicolons, its header, the reason added, formulas escaped, a readable name.
        var id = dry.Headers.Location!.OriginalString.Split("id=")[1];
        using var report = await client.GetAsync($"/admin/audiences/import?handler=errors&id={id}");
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels")).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"members-{today}-errors.csv", report.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("email;name;import error\r\nnot-an-address;\"'=HYPERLINK(\"\"x\"\")\";line 4, email: the address has no '@'\r\n",
            (await report.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));

        // Another staff member, a tampered id and a path cannot reach it.
        var tampered = (held[0] == 'a' ? 'b' : 'a') + held[1..];
        foreach (var (who, what) in new[] { (other, held), (client, tampered), (client, "../../cecop"), (client, "..%2F..%2Fcecop.db"), (client, held.ToUpperInvariant()) })
        {
            var (refused, html) = await ImportHeldAsync(who, what, "subscribers", "external-newsletter");
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("The file chosen before is no longer kept", html);
        }
        Assert.Equal(0L, await ScalarAsync<long>(factory, "SELECT count(*) FROM subscribers WHERE email_key LIKE 'now.%'"));
        if (!TestStorage.IsPostgres) Assert.True(File.Exists(factory.Workspace.DatabasePath));
        Assert.True(Directory.Exists(HeldFolder(held)));

        var (imported, result) = await ImportHeldAsync(client, held, "subscribers", "external-newsletter");
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Contains("Result of members.csv", result);
        Assert.DoesNotContain("Import it now", result);
        Assert.Equal(2L, await ScalarAsync<long>(factory, "SELECT count(*) FROM subscribers WHERE email_key LIKE 'now.%'"));
        Assert.False(Directory.Exists(HeldFolder(held)));

        var (again, gone) = await ImportHeldAsync(client, held, "subscribers", "external-newsletter");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("The file chosen before is no longer kept", gone);
        Assert.Equal(2L, await ScalarAsync<long>(factory, "SELECT count(*) FROM subscribers WHERE email_key LIKE 'now.%'"));
    }

    [Fact]
    public async Task A_missing_or_unknown_list_is_said_at_the_list_field_and_the_file_is_kept_for_the_next_press()
    {
        using var client = await SignedInAsync("editor");
        using var missing = await UploadAsync(client, "email\nkept.list@example.org\n", "subscribers", null, dryRun: false);
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        var html = await missing.Content.ReadAsStringAsync();
        Assert.Contains("<p class=\"field-problem\" id=\"list-problem\" role=\"alert\">Choose the list the subscribers go to.</p>", html);
        Assert.Matches("<select id=\"list\" name=\"List\" aria-describedby=\"list-problem\" aria-invalid=\"true\">", html);
        Assert.Contains("The file contacts.csv is kept", html);
        var held = HeldId(html);
        Assert.True(Directory.Exists(HeldFolder(held)));

        var (unknown, unknownHtml) = await ImportHeldAsync(client, held, "subscribers", "no-such-list");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("id=\"list-problem\" role=\"alert\">There is no list no-such-list; choose one of the lists.</p>", unknownHtml);
        Assert.Equal(held, HeldId(unknownHtml));

        var (imported, _) = await ImportHeldAsync(client, held, "subscribers", "external-newsletter");
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Equal("unconfirmed", await SubscriptionStatusAsync(factory, "kept.list@example.org", "external-newsletter"));
        Assert.False(Directory.Exists(HeldFolder(held)));
    }

    [Fact]
    public async Task A_sheet_of_contacts_counts_its_repeated_organisations_apart_from_the_refused_rows()
    {
        using var client = await SignedInAsync("editor");
        using var import = await UploadAsync(client, "organisation,country,category,contact\nRepeat Coop,BE,full,a@r.coop\nRepeat Coop,BE,full,b@r.coop\nRepeat Coop,BE,full,c@r.coop\n",
            "organisations", null, dryRun: false);
        var html = await PageAsync(client, import.Headers.Location!.OriginalString);
        Assert.Contains("<span class=\"figure\">2</span> organisation already in this file", html);
        Assert.Contains("<span class=\"figure\">0</span> refused", html);
        Assert.DoesNotContain("role=\"alert\" class=\"problems\"", html);
    }

    [Fact]
    public async Task A_subscribers_deliveries_and_bounces_are_tables_with_their_data_escaped_not_raw_json()
    {
        var person = await AddSubscriberAsync(factory, "held@example.org", ["external-newsletter"]);
        var mailing = await AddMailingAsync(factory, "external-newsletter");
        await ScalarAsync<long>(factory, """
            INSERT INTO ledger (mailing_id, subscriber_id, status, attempts, message_id, sent_at, reply, updated_at)
            VALUES (@mailing, @Id, 'failed', 2, 'abc@cecop.example', NULL, '550 5.1.1 <script>x</script> unknown', '2026-03-01T09:00:00.000Z')
            """, new { mailing, person.Id });
        using var client = await SignedInAsync("viewer");

        var html = await PageAsync(client, "/admin/audiences/subscribers/show?email=held%40example.org");

        Assert.DoesNotContain("<pre class=\"held-data\">", html);
        Assert.Contains("<h2>deliveries</h2>", html);
        Assert.Contains("<h3>messages</h3>", html);
        Assert.Contains("<th scope=\"col\">mailing id</th>", html);
        Assert.Contains($"<td>{mailing}</td><td>CECOP Newsletter #1 - 2026</td><td>failed</td><td>2</td><td>abc@cecop.example</td><td></td><td>550 5.1.1 &lt;script&gt;x&lt;/script&gt; unknown</td>", html);
        Assert.Contains("<h3>bounces</h3>", html);
        Assert.Contains("<p class=\"muted\">None.</p>", html);
    }

    [Fact]
    public async Task Importing_a_csv_with_bad_rows_shows_each_one_s_line_and_reason_and_the_good_rows_go_in()
    {
        using var client = await SignedInAsync("editor");
        const string csv = "email,name,language,sector\n" +
                           "marta.import@example.org,Marta,es,care\n" +
                           "not-an-address,Nobody,en,\n" +
                           "jan.import@example.org,Jan,pl,\n" +
                           "kai.import@example.org,Kai,xx-nowhere-at-all,\n" +
                           "lena.import@example.org,Lena <b>,de,\n";

        using var dry = await UploadAsync(client, csv, "subscribers", "external-newsletter", dryRun: true);
        Assert.Equal(HttpStatusCode.Redirect, dry.StatusCode);
        Assert.Contains("Dry run: nothing was changed", await PageAsync(client, dry.Headers.Location!.OriginalString));
        Assert.Equal(0L, await ScalarAsync<long>(factory, "SELECT count(*) FROM subscribers WHERE email_key LIKE '%.import@example.org'"));

        using var response = await UploadAsync(client, csv, "subscribers", "external-newsletter", dryRun: false);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var result = response.Headers.Location!.OriginalString;
        var html = await PageAsync(client, result);

        Assert.Contains("2 rows were refused", html);
        Assert.Matches(@"<td class=""number"">3</td><td>not-an-address</td><td>email</td><td>the address has no &#x27;@&#x27;</td>", html);
        Assert.Matches(@"<td class=""number"">5</td><td>kai.import@example.org</td><td>language</td><td>[^<]+</td>", html);
        Assert.Equal(3L, await ScalarAsync<long>(factory, "SELECT count(*) FROM subscribers WHERE email_key LIKE '%.import@example.org'"));
        Assert.Equal("care", await ScalarAsync<string>(factory, "SELECT attributes ->> 'sector' FROM subscribers WHERE email_key = 'marta.import@example.org'"));
        Assert.Equal("unconfirmed", await SubscriptionStatusAsync(factory, "jan.import@example.org", "external-newsletter"));
        Assert.Contains("Lena &lt;b&gt;", await PageAsync(client, "/admin/audiences/subscribers?q=lena.import"));

        // The error report: every refused row as written, with its line, column and reason added.
        var id = result[(result.IndexOf("id=", StringComparison.Ordinal) + 3)..];
        using var report = await client.GetAsync($"/admin/audiences/import?handler=errors&id={id}");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("text/csv", report.Content.Headers.ContentType?.MediaType);
        var lines = (await report.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("email,name,language,sector,import error", lines[0].TrimEnd('\r'));
        Assert.StartsWith("not-an-address,Nobody,en,,\"line 3, email: ", lines[1]);
        Assert.StartsWith("kai.import@example.org,Kai,xx-nowhere-at-all,,\"line 5, language: ", lines[2]);
        using (var traversal = await client.GetAsync("/admin/audiences/import?handler=errors&id=..%2F..%2Fcecop.db")) Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);

        // A file the importer cannot read at all is a sentence on the page, not an error page.
        using var headerless = await UploadAsync(client, "name,language\nAna,en\n", "subscribers", "external-newsletter", dryRun: false);
        Assert.Equal(HttpStatusCode.OK, headerless.StatusCode);
        Assert.Matches("role=\"alert\"><p>[^<]*email", await headerless.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Organisations_import_add_edit_and_filter_by_country_and_category()
    {
        using var client = await SignedInAsync("admin");
        using var import = await UploadAsync(client, "name,country,category\nCoop Ceska,CZ,full\nNowhere,Atlantis,full\n", "organisations", null, dryRun: false);
        var imported = await PageAsync(client, import.Headers.Location!.OriginalString);
        Assert.Matches(@"<td class=""number"">3</td><td>Nowhere</td><td>country</td>", imported);

        var (_, added) = await SubmitAsync(client, "/admin/audiences/organisations",
            ("Form.Name", "Confcooperative Test"), ("Form.Country", "Italy"), ("Form.Category", "associated"), ("Form.Website", "https://confcooperative.example"));
        Assert.Contains("Added Confcooperative Test (IT, associated member).", added);

        var (duplicate, refused) = await SubmitAsync(client, "/admin/audiences/organisations",
            ("Form.Name", "confcooperative test"), ("Form.Country", "IT"), ("Form.Category", "full"), ("Form.Website", ""));
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("An organisation called Confcooperative Test already exists", refused);

        var filtered = await PageAsync(client, "/admin/audiences/organisations?Country=IT&Category=associated");
        Assert.Contains("Confcooperative Test", filtered);
        Assert.DoesNotContain("Coop Ceska", filtered);
        Assert.Contains("not a country", await PageAsync(client, "/admin/audiences/organisations?Country=Atlantis"));

        var id = await ScalarAsync<long>(factory, "SELECT id FROM organisations WHERE name = 'Coop Ceska'");
        var (_, edited) = await SubmitAsync(client, $"/admin/audiences/organisations/{id}",
            ("Form.Name", "Družstevní Asociace"), ("Form.Country", "CZ"), ("Form.Category", "affiliate"), ("Form.Website", "ftp://x"));
        Assert.Contains("is not a website address", edited);
        (_, edited) = await SubmitAsync(client, $"/admin/audiences/organisations/{id}",
            ("Form.Name", "Družstevní Asociace"), ("Form.Country", "CZ"), ("Form.Category", "affiliate"), ("Form.Website", ""));
        Assert.Contains("Saved Družstevní Asociace.", edited);
        Assert.Equal("affiliate", await ScalarAsync<string>(factory, "SELECT category FROM organisations WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task Subscribers_are_found_filtered_paged_added_changed_and_exported()
    {
        var organisations = factory.Services.GetRequiredService<OrganisationStore>();
        await organisations.AddAsync("Legacoop Paging", "IT", "full", null, CancellationToken.None);
        var store = factory.Services.GetRequiredService<SubscriberStore>();
        for (var i = 0; i < 55; i++)
            await store.AddAsync(new NewSubscriber($"page{i:00}@paging.example", $"Paging Person {i}", i % 2 == 0 ? "it" : "fr", "Legacoop Paging"),
                ["cecop-link"], true, null, CancellationToken.None);
        using var client = await SignedInAsync("editor");

        var first = await PageAsync(client, "/admin/audiences/subscribers?q=paging.example");
        Assert.Contains("55 people found; page 1 of 2.", first);
        Assert.Contains("page49@paging.example", first);
        Assert.DoesNotContain("page50@paging.example", first);
        var second = await PageAsync(client, "/admin/audiences/subscribers?q=paging.example&p=2");
        Assert.Contains("page54@paging.example", second);
        Assert.DoesNotContain("page49@paging.example", second);
        Assert.Contains("28 people found", await PageAsync(client, "/admin/audiences/subscribers?q=paging&language=it&country=IT&list=cecop-link&status=active"));
        Assert.Contains("0 people found", await PageAsync(client, "/admin/audiences/subscribers?q=paging&country=ES"));
        Assert.Contains("is not a subscriber status", await PageAsync(client, "/admin/audiences/subscribers?status=gone"));

        // Add, with a list and consent; a mistake is a sentence beside the form.
        var (_, refused) = await SubmitAsync(client, "/admin/audiences/subscribers/new", ("Email", "not an address"), ("Language", "en"));
        Assert.Contains("is not an e-mail address", refused);
        var (_, shown) = await SubmitAsync(client, "/admin/audiences/subscribers/new",
            ("Email", "Olga@Example.org"), ("Name", "Olga"), ("Language", "sv"), ("Subscribe", "external-newsletter"), ("ConsentWording", "signup-2026"), ("Confirmed", "true"));
        Assert.Contains("Added Olga@example.org.", shown);
        Assert.Equal("confirmed", await SubscriptionStatusAsync(factory, "olga@example.org", "external-newsletter"));

        // Change the details, then the status.
        var (_, saved) = await SubmitAsync(client, "/admin/audiences/subscribers/show?email=olga%40example.org",
            ("Email", "olga@example.org"), ("Name", "Olga Berg"), ("Language", "sv-FI"), ("Organisation", "Legacoop Paging"), ("Attributes", "sector=housing\nrole=board"));
        Assert.Contains("Saved Olga@example.org.", saved);
        // Compared as JSON: PostgreSQL's jsonb keeps its own key order.
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse("{\"sector\":\"housing\",\"role\":\"board\"}"),
            System.Text.Json.Nodes.JsonNode.Parse(await ScalarAsync<string>(factory, "SELECT CAST(attributes AS text) FROM subscribers WHERE email_key = 'olga@example.org'"))));
        var (_, badLine) = await SubmitAsync(client, "/admin/audiences/subscribers/show?email=olga%40example.org",
            ("Email", "olga@example.org"), ("Name", "Olga"), ("Language", "sv"), ("Attributes", "sector=housing\njust words"));
        Assert.Contains("Attributes, line 2", badLine);
        var (_, blocked) = await SubmitAsync(client, "/admin/audiences/subscribers/show?handler=Status&email=olga%40example.org", ("Email", "olga@example.org"), ("Status", "blocklisted"));
        Assert.Contains("Olga@example.org is now blocklisted.", blocked);
        Assert.Equal("blocklisted", await ScalarAsync<string>(factory, "SELECT status FROM subscribers WHERE email_key = 'olga@example.org'"));
        Assert.Contains("signup-2026", blocked);

        // The export is the filter's people in the columns of `cecop subscribers export`.
        using var export = await client.GetAsync("/admin/audiences/subscribers?handler=export&q=page0&language=it");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("subscribers.csv", export.Content.Headers.ContentDisposition?.FileNameStar ?? export.Content.Headers.ContentDisposition?.FileName);
        var rows = (await export.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("email,name,language,organisation,country,status,subscription_status,attributes,created_at", rows[0]);
        Assert.Equal(6, rows.Length);
        Assert.StartsWith("page00@paging.example,Paging Person 0,it,Legacoop Paging,IT,active,,{},", rows[1]);
    }

    [Fact]
    public async Task Lists_and_segments_are_created_and_a_segment_shows_its_live_count()
    {
        using var client = await SignedInAsync("editor");
        var (_, lists) = await SubmitAsync(client, "/admin/audiences/lists", ("Slug", "coopskills-web"), ("Name", "#CoopSkills web"), ("Public", "true"), ("DoubleOptIn", "true"));
        Assert.Contains("Created the list #CoopSkills web (coopskills-web).", lists);
        Assert.Equal(1L, await ScalarAsync<long>(factory, "SELECT double_opt_in FROM lists WHERE slug = 'coopskills-web' AND visibility = 'public'"));
        var (_, clash) = await SubmitAsync(client, "/admin/audiences/lists", ("Slug", "coopskills-web"), ("Name", "Again"));
        Assert.Contains("already exists", clash);
        Assert.Contains("coopskills-web", await PageAsync(client, "/admin/audiences"));

        await AddSubscriberAsync(factory, "seg1@segment.example", ["cecop-link"], member: true);
        await AddSubscriberAsync(factory, "seg2@segment.example", ["cecop-link"], member: true);
        await AddSubscriberAsync(factory, "seg3@segment.example", ["external-newsletter"]);
        var (_, segment) = await SubmitAsync(client, "/admin/audiences/segments",
            ("Slug", "italian-web"), ("Name", "Italian members"), ("Country", "IT"), ("List", "cecop-link"), ("Category", "full"), ("AttributeOperator", "="));
        var expected = await factory.Services.GetRequiredService<CecopComms.Audience.Segments.SegmentStore>()
            .CountAsync(CecopComms.Audience.Segments.SegmentFilterParser.Parse(["country=IT", "list=cecop-link", "category=full"]), CancellationToken.None);
        Assert.True(expected >= 2);
        Assert.Contains($"<dd class=\"segment-count\">{expected}</dd>", segment);
        Assert.Contains("country=IT and list=cecop-link and category=full", segment);

        await AddSubscriberAsync(factory, "seg4@segment.example", ["cecop-link"], member: true);
        Assert.Contains($"<dd class=\"segment-count\">{expected + 1}</dd>", await PageAsync(client, "/admin/audiences/segments/italian-web"));

        var (_, empty) = await SubmitAsync(client, "/admin/audiences/segments", ("Slug", "nothing"), ("Name", "Nothing"), ("AttributeOperator", "="));
        Assert.Contains("A segment needs at least one condition", empty);
        var (_, bad) = await SubmitAsync(client, "/admin/audiences/segments", ("Slug", "bad"), ("Name", "Bad"), ("Country", "Atlantis"), ("AttributeOperator", "="));
        Assert.Contains("&#x27;Atlantis&#x27; is not a country", bad.Replace("'", "&#x27;"));
    }

    [Fact]
    public async Task Viewers_see_every_page_but_every_post_is_forbidden()
    {
        await AddSubscriberAsync(factory, "viewer-target@example.org", ["external-newsletter"]);
        var organisation = await factory.Services.GetRequiredService<OrganisationStore>().AddAsync("Viewer Coop", "BE", "full", null, CancellationToken.None);
        using var client = await SignedInAsync("viewer");
        var pages = new[]
        {
            "/admin/audiences", "/admin/audiences/lists", "/admin/audiences/segments", "/admin/audiences/organisations",
            $"/admin/audiences/organisations/{organisation.Id}", "/admin/audiences/subscribers/new",
            "/admin/audiences/subscribers/show?email=viewer-target%40example.org", "/admin/audiences/import",
        };
        foreach (var page in pages)
        {
            var html = await PageAsync(client, page);
            Assert.Contains("aria-current=\"page\">Audiences</a>", html);
        }
        var csrf = await CsrfAsync(client, "/admin/audiences");
        foreach (var page in pages.Skip(1).Append("/admin/audiences/subscribers/show?handler=Status&email=viewer-target%40example.org"))
        {
            using var post = await PostAsync(client, page, ("__csrf", csrf), ("Slug", "viewer-list"), ("Name", "V"), ("Email", "viewer-new@example.org"), ("Language", "en"), ("Status", "blocklisted"), ("Form.Name", "X"), ("Form.Country", "BE"));
            Assert.True(post.StatusCode == HttpStatusCode.Forbidden, $"{page}: {post.StatusCode} {post.Headers.Location}");
        }
        using var upload = await UploadAsync(client, "email\nviewer-import@example.org\n", "subscribers", "external-newsletter", dryRun: false);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal(0L, await ScalarAsync<long>(factory, "SELECT count(*) FROM subscribers WHERE email_key IN ('viewer-new@example.org', 'viewer-import@example.org')"));
        Assert.Equal(0L, await ScalarAsync<long>(factory, "SELECT count(*) FROM lists WHERE slug = 'viewer-list'"));
        Assert.Equal("active", await ScalarAsync<string>(factory, "SELECT status FROM subscribers WHERE email_key = 'viewer-target@example.org'"));
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_field_changes_nothing()
    {
        using var client = await SignedInAsync("admin");
        await CsrfAsync(client, "/admin/audiences/lists");
        using var list = await PostAsync(client, "/admin/audiences/lists", ("Slug", "forged-list"), ("Name", "Forged"));
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
        using var upload = await UploadAsync(client, "email\nforged-import@example.org\n", "subscribers", "external-newsletter", dryRun: false, withCsrf: false);
        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Equal(0L, await ScalarAsync<long>(factory, "SELECT count(*) FROM lists WHERE slug = 'forged-list'"));
        Assert.Equal(0L, await ScalarAsync<long>(factory, "SELECT count(*) FROM subscribers WHERE email_key = 'forged-import@example.org'"));
    }
}
