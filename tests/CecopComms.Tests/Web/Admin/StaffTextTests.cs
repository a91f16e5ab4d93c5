using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CecopComms.Audience;
using CecopComms.Audience.Segments;
using CecopComms.Content;
using CecopComms.Content.Campaigns;
using CecopComms.Content.Editions;
using CecopComms.Localization;
using CecopComms.Reach.Channels;
using CecopComms.Scheduling;
using CecopComms.Tests.ContentTests;
using CecopComms.Web.Admin.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using static CecopComms.Tests.Web.Admin.StaffSession;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// The admin area's words go through <see cref="IStringLocalizer{StaffText}"/>, so it can be translated later: with a
/// localizer that writes every word as ⟦word⟧, each heading, label, legend, button, table header, caption, term, notice,
/// aria-label and the title of every admin page carries the mark. What is left unmarked is data: a name, an e-mail address,
/// a year, the report's own labels.
/// </summary>
public sealed partial class StaffTextTests
{
    private const string Open = "⟦";

    /// <summary>Every word as ⟦word⟧, its values formatted in as the real localizer formats them.</summary>
    private sealed class MarkedStaffText : IStringLocalizer<StaffText>
    {
        public LocalizedString this[string name] => new(name, Open + name + "⟧");

        public LocalizedString this[string name, params object[] arguments] =>
            new(name, Open + string.Format(CultureInfo.CurrentCulture, name, arguments) + "⟧");

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    // What must be words of the page. Row headers of data tables (tbody th[scope=row]) name the row's data and are not
    // listed; those of the mailing's details table are words.
    private const string Words = "head > title, h1, h2, label, legend, button, th[scope=col], thead th, tfoot th, table.details th, caption, dt, "
        + "p.notice, p.muted, p[role=status], .notice > p, .problems > p, nav a, a.button, [aria-label], [placeholder]";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    [GeneratedRegex(@"\p{L}")]
    private static partial Regex Letter();

    [Fact]
    public async Task Every_fixed_text_of_the_admin_pages_goes_through_the_staff_localizer()
    {
        await using var factory = new CecopWebFactory { ConfigureServices = s => s.AddSingleton<IStringLocalizer<StaffText>, MarkedStaffText>() };
        var site = await SiteAsync(factory);
        var (client, admin) = await SignInAsync(factory, "admin");
        using var anonymous = factory.CreateClient();

        var unmarked = new List<string>();
        foreach (var (url, data) in site.Pages(admin))
            unmarked.AddRange(Unmarked(url, await HtmlAsync(client, url), data));
        unmarked.AddRange(Unmarked("/admin/login", await HtmlAsync(anonymous, "/admin/login")));

        // Confirmation steps, and what the page models say after a post.
        var sendNow = await PostedAsync(client, "/admin/sending", "/admin/sending?handler=SendNow", ("Source", $"edition:{site.Edition}"));
        Assert.Contains("<h2 id=\"confirm-send-heading\">", sendNow);
        unmarked.AddRange(Unmarked("send now", sendNow));
        var sendToSegment = await PostedAsync(client, "/admin/sending", "/admin/sending?handler=SendNow", ("Source", $"edition:{site.Edition}"), ("Audience", $"segment:{site.Segment.Slug}"));
        Assert.Contains($"name=\"Audience\" value=\"segment:{site.Segment.Slug}\"", sendToSegment);
        unmarked.AddRange(Unmarked("send now to a segment", sendToSegment, site.Segment.Name));
        var cancel = await PostedAsync(client, "/admin/sending", $"/admin/sending?handler=CancelSchedule&id={site.Schedule}");
        Assert.Contains("It would send", cancel);
        unmarked.AddRange(Unmarked("cancel a schedule", cancel));
        using (var import = await client.PostAsync("/admin/audiences/import", new MultipartFormDataContent
            { { new StringContent(await CsrfAsync(client, "/admin/audiences/import")), "__csrf" }, { new StringContent("subscribers"), "Kind" } }))
        {
            var noFile = await import.Content.ReadAsStringAsync();
            Assert.Contains("Choose a CSV file to import.", noFile);
            unmarked.AddRange(Unmarked("import without a file", noFile));
        }
        var withoutList = new MultipartFormDataContent
            { { new StringContent(await CsrfAsync(client, "/admin/audiences/import")), "__csrf" }, { new StringContent("subscribers"), "Kind" }, { new StringContent("true"), "DryRun" } };
        withoutList.Add(new ByteArrayContent("email\nmarked@example.org\n"u8.ToArray()), "Upload", "marked.csv");
        using (var import = await client.PostAsync("/admin/audiences/import", withoutList))
        {
            var kept = await import.Content.ReadAsStringAsync();
            Assert.Contains("id=\"list-problem\"", kept);
            unmarked.AddRange(Unmarked("import without a list, the file kept", kept, "marked.csv"));
            var held = Regex.Match(kept, "name=\"Held\" value=\"([0-9a-f]{32})\"").Groups[1].Value;
            using var dry = await SendingStaff.SubmitAsync(client, "/admin/audiences/import", "/admin/audiences/import",
                ("Held", held), ("Kind", "subscribers"), ("List", "external-newsletter"), ("DryRun", "true"));
            var checkedFile = await HtmlAsync(client, dry.Headers.Location!.OriginalString);
            Assert.Contains("name=\"Held\"", checkedFile);
            unmarked.AddRange(Unmarked("after a dry run, import it now", checkedFile, "marked.csv"));
        }
        var noCondition = await PostedAsync(client, "/admin/audiences/segments", "/admin/audiences/segments", ("Slug", "none"), ("Name", "None"));
        Assert.Contains("A segment needs at least one condition", noCondition);
        unmarked.AddRange(Unmarked("a segment without conditions", noCondition));
        using (var created = await SendingStaff.SubmitAsync(client, "/admin/audiences/lists", "/admin/audiences/lists", ("Slug", "marked"), ("Name", "Marked"), ("Description", "")))
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var afterCreate = await HtmlAsync(client, "/admin/audiences/lists");
        Assert.Contains("Created the list Marked (marked).", afterCreate);
        unmarked.AddRange(Unmarked("after creating a list", afterCreate));
        var confirmDelete = await HtmlAsync(client, "/admin/audiences/lists/marked?confirm=delete");
        Assert.Contains("name=\"confirmed\"", confirmDelete);
        unmarked.AddRange(Unmarked("deleting a list", confirmDelete, "Marked"));

        Assert.True(unmarked.Count == 0, "Not through the staff localizer:\n" + string.Join("\n", unmarked));
    }

    [Fact]
    public async Task Without_a_translation_the_pages_read_in_english_with_their_numbers_written_as_before()
    {
        await using var factory = new CecopWebFactory();
        var site = await SiteAsync(factory);
        var (client, _) = await SignInAsync(factory, "admin");
        await ScalarAsync<long>(factory, "UPDATE mailings SET total = 12345 WHERE id = @mailing", new { mailing = site.Mailing });
        using (var set = await SendingStaff.SubmitAsync(client, "/admin/reports/channels", "/admin/reports/channels?handler=Set", ("Channel", "twitter"),
            ("Metric", ChannelCatalogue.Metrics[0]), ("Year", "2022"), ("Value", "1234567"), ("Source", "X analytics")))
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);

        // The message of the figure just recorded is shown once, on the next page.
        var channels = WebUtility.HtmlDecode(await HtmlAsync(client, "/admin/reports/channels"));
        var mailing = WebUtility.HtmlDecode(await HtmlAsync(client, $"/admin/sending/mailings/{site.Mailing}"));
        Assert.Contains($"<title>Mailing {site.Mailing} · CecopComms admin</title>", mailing);
        Assert.Contains("<span data-figure=\"done\">0</span> of <span data-figure=\"total\">12,345</span> done", mailing);
        Assert.Contains("data-figure=\"progress\">0 of 12345</progress>", mailing);
        Assert.Contains("Retry the <span data-figure=\"failed\">0</span> failed", mailing);
        Assert.Contains("<td class=\"number\">5,573</td>", channels);
        Assert.Contains(" 2022: 1,234,567 recorded (source: X analytics).</p>", channels);
        Assert.DoesNotContain(Open, mailing + channels);
    }

    /// <summary>The element's text (or its aria-label, placeholder) without a mark, unless it is all data.</summary>
    private static IEnumerable<string> Unmarked(string page, string html, params IEnumerable<string> data)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var element in document.QuerySelectorAll(Words))
        {
            var texts = new List<string>();
            if (element.Matches("[aria-label]")) texts.Add(element.GetAttribute("aria-label")!);
            if (element.Matches("[placeholder]")) texts.Add(element.GetAttribute("placeholder")!);
            if (texts.Count == 0 || element.Matches("title, h1, h2, label, legend, button, th, caption, dt, p, a")) texts.Add(element.TextContent);
            foreach (var text in texts.Select(t => Space().Replace(t, " ").Trim()))
                if (!text.Contains(Open) && !IsData(element, text, data))
                    yield return $"{page}: <{element.LocalName}> {text}";
        }
    }

    // The two exceptions, both data: what is left once the page's names are taken out has no letter (a year, a date,
    // "2022, 2023"), or the cell heads a column of what another part of the engine holds on a person, named by that data
    // ("mailing id").
    private static bool IsData(IElement element, string text, IEnumerable<string> data) =>
        element.Closest("table.held-data") is not null
        || !Letter().IsMatch(data.OrderByDescending(d => d.Length).Aggregate(text, (left, d) => left.Replace(d, "")));

    /// <summary>The page a form answers with when it does not redirect: a confirmation step, or what is wrong.</summary>
    private static async Task<string> PostedAsync(HttpClient client, string page, string action, params (string Name, string Value)[] fields)
    {
        using var response = await SendingStaff.SubmitAsync(client, page, action, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// One of everything the admin pages show: an edition, a campaign, a member, a segment, a mailing with a bounce, a
    /// schedule, a figure; with the year report's own words (its title, the names of its definitions) and the headings of
    /// what other parts of the engine hold on a person.
    /// </summary>
    private sealed record Site(long Edition, string EditionTitle, Campaign Campaign, Subscriber Subscriber, Organisation Organisation, Segment Segment,
        long Mailing, long Schedule, IReadOnlyList<string> Report, IReadOnlyList<string> HolderNames)
    {
        /// <summary>The languages a campaign's form offers, each named in itself: data.</summary>
        private static IEnumerable<string> Languages => CecopComms.Web.LanguageChoices.All.Select(l => $"{l.Name} ({l.Tag})");

        /// <summary>Each admin page, with the data it may show as a whole heading or label.</summary>
        public IEnumerable<(string Url, string[] Data)> Pages(CecopComms.Web.Admin.User admin) =>
        [
            ("/admin", []),
            ("/admin/audiences", []),
            ("/admin/audiences/lists", []),
            ("/admin/audiences/lists/external-newsletter", ["CECOP Newsletter"]),
            ("/admin/audiences/subscribers?q=reader", []),
            ($"/admin/audiences/subscribers/show?email={Uri.EscapeDataString(Subscriber.Email)}", [Subscriber.Email, .. HolderNames]),
            ($"/admin/audiences/subscribers/show?email={Uri.EscapeDataString(Subscriber.Email)}&confirm=erase", [Subscriber.Email, .. HolderNames]),
            ("/admin/audiences/subscribers/new", []),
            ("/admin/audiences/organisations", []),
            ($"/admin/audiences/organisations/{Organisation.Id}", [Organisation.Name]),
            ($"/admin/audiences/organisations/{Organisation.Id}?confirm=delete", [Organisation.Name]),
            ("/admin/audiences/segments", []),
            ($"/admin/audiences/segments/{Segment.Slug}", [Segment.Name]),
            ("/admin/audiences/import", []),
            ("/admin/content", []),
            ($"/admin/content/editions/{Edition}", [EditionTitle]),
            ($"/admin/content/editions/compose?id={Edition}", NewsTags.All.ToArray()),
            ("/admin/content/editions/compose", NewsTags.All.ToArray()),
            ($"/admin/content/editions/source?id={Edition}", []),
            ("/admin/content/editions/source", []),
            ($"/admin/content/campaigns/{Campaign.Slug}", [Campaign.Name, Campaign.Hashtag]),
            ("/admin/content/campaign-definition", [.. Languages]),
            ($"/admin/content/campaign-definition/{Campaign.Slug}", [.. Languages]),
            ($"/admin/content/campaign-mailing/{Campaign.Slug}", []),
            ($"/admin/content/campaign-mailing/{Campaign.Slug}/01-launch", []),
            ($"/admin/content/preview/edition/{Edition}", []),
            ("/admin/sending", []),
            ("/admin/sending/bounces", []),
            ($"/admin/sending/mailings/{Mailing}", []),
            ($"/admin/sending/mailings/{Mailing}?confirm=cancel", []),
            ("/admin/reports?Year=2023", [.. Report]),
            ("/admin/reports/channels", []),
            ("/admin/reports/past-email", []),
            ($"/admin/reports?Year={DateTime.UtcNow.Year}&Compare=2023", [.. Report, $"CECOP in numbers: {DateTime.UtcNow.Year} compared with 2023"]),
            ($"/admin/reports/campaigns/{Campaign.Slug}", [Campaign.Name, Campaign.Hashtag]),
            ("/admin/activity", []),
            ("/admin/staff", []),
            ("/admin/settings", []),
            ($"/admin/staff/{admin.Id}", [admin.Email]),
            ("/admin/logout", []),
        ];
    }

    private static async Task<Site> SiteAsync(CecopWebFactory factory)
    {
        var services = factory.Services;
        var content = services.GetRequiredService<MailingContent>();
        var edition = await ArchiveWebFactory.LoadAsync(content, "cecop-newsletter-2021-06.yaml", 7, "2026-11-02");
        var scheduled = await ArchiveWebFactory.LoadAsync(content, "cecop-newsletter-2021-06.yaml", 8, "2026-12-02");
        var (campaign, _) = await content.LoadCampaignAsync(Path.Combine(ContentTestBed.Repository, "campaigns", "coopskills2023"), CancellationToken.None);
        var subscriber = await AddSubscriberAsync(factory, "reader@example.org", ["external-newsletter"], member: true);
        var organisation = (await services.GetRequiredService<OrganisationStore>().FindAsync("Legacoop Produzione e Servizi", CancellationToken.None))!;
        var segment = await services.GetRequiredService<SegmentStore>().CreateAsync("italians", "Italian readers", SegmentFilterParser.Parse(["country=IT"]), CancellationToken.None);
        var mailing = await AddMailingAsync(factory, "external-newsletter");
        await ScalarAsync<long>(factory, """
            UPDATE mailings SET status = 'paused', status_reason = 'paused by staff', source_id = 9999 WHERE id = @mailing;
            INSERT INTO bounces (mailing_id, subscriber_id, kind, code, reply, source, bounced_at)
            VALUES (@mailing, @subscriber, 'hard', '550 5.1.1', 'User unknown', 'smtp', '2026-03-01T09:05:00.000Z');
            """, new { mailing, subscriber = subscriber.Id });
        var schedule = await services.GetRequiredService<SchedulePlanner>().OnceAsync(new MailingSource(MailingSourceKind.Edition, scheduled),
            new DateTimeOffset(DateTime.UtcNow.Year + 1, 7, 1, 8, 30, 0, TimeSpan.Zero), CancellationToken.None);
        await services.GetRequiredService<ChannelFigureStore>().SetAsync("twitter", ChannelCatalogue.Metrics[0], 2023, 5573, "X analytics", "staff", CancellationToken.None);
        // One entered figure the report shows (2023, before the engine's records) and one it sets aside (this year, which it has records of).
        var past = services.GetRequiredService<CecopComms.Reach.Past.PastEmailFigureStore>();
        await past.SetAsync(2023, "cecop-newsletter", "subscribers", 3495, "CECOP activity report 2023", "staff", CancellationToken.None);
        await past.SetAsync(DateTime.UtcNow.Year, "cecop-newsletter", "subscribers", 1, "A guess", "staff", CancellationToken.None);
        var report = await services.GetRequiredService<AdminReports>().YearAsync(2023, [], "en-GB", CancellationToken.None);
        var title = (await services.GetRequiredService<EditionStore>().GetAsync(edition, CancellationToken.None)).Title;
        return new Site(edition, title, campaign, subscriber, organisation, segment, mailing, schedule.Id, [report.Title, .. report.Definitions.Keys],
            services.GetServices<IPersonalDataHolder>().Select(h => CecopComms.Web.Pages.Admin.Audiences.SubscriberModel.Heading(h.Name)).ToList());
    }
}
