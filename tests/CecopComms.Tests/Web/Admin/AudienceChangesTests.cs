using System.Net;
using System.Text.Json;
using CecopComms.Audience;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// What the admin area changes on audiences beyond adding: a list's details and its deletion (refused while something
/// uses it), a person's lists, their erasure and data export, an organisation's deletion. Each goes through the store
/// method the CLI uses, deletions need their confirmation step, viewers are refused, and every form needs its
/// antiforgery field.
/// </summary>
public sealed class AudienceChangesTests(CecopWebFactory factory) : IClassFixture<CecopWebFactory>
{
    private Task<HttpClient> SignedInAsync(string role) => SendingStaff.SignInAsync(factory, role);

    private static Task<string> PageAsync(HttpClient client, string url) => SendingStaff.HtmlAsync(client, url);

    /// <summary>POSTs to <paramref name="action"/> with <paramref name="page"/>'s antiforgery field; follows a redirect to the page shown.</summary>
    private static async Task<(HttpStatusCode Status, string? Location, string Html)> SubmitAsync(HttpClient client, string page, string action,
        params (string Name, string Value)[] fields)
    {
        using var response = await SendingStaff.SubmitAsync(client, page, action, fields);
        var location = response.Headers.Location?.OriginalString;
        var html = response.StatusCode == HttpStatusCode.Redirect ? await PageAsync(client, location!) : await response.Content.ReadAsStringAsync();
        return (response.StatusCode, location, html);
    }

    private Task<MailingList> ListAsync(string slug, bool membersOnly = false) =>
        factory.Services.GetRequiredService<ListStore>().CreateAsync(slug, $"List {slug}", "", false, false, membersOnly, CancellationToken.None);

    private Task<long> CountAsync(string sql, object? parameters = null) => ScalarAsync<long>(factory, sql, parameters);

    [Fact]
    public async Task A_list_s_name_description_visibility_and_double_opt_in_change_and_its_slug_stays()
    {
        await ListAsync("web-edit");
        using var client = await SignedInAsync("editor");
        Assert.Contains("href=\"/admin/audiences/lists/web-edit\"", await PageAsync(client, "/admin/audiences/lists"));

        var (_, _, saved) = await SubmitAsync(client, "/admin/audiences/lists/web-edit", "/admin/audiences/lists/web-edit",
            ("Name", "Renamed"), ("Description", "For the web"), ("Public", "true"), ("DoubleOptIn", "true"), ("Slug", "hijacked"));
        Assert.Contains("Saved the list Renamed (web-edit).", saved);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM lists WHERE slug = 'web-edit' AND name = 'Renamed' AND description = 'For the web' AND visibility = 'public' AND double_opt_in = true"));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM lists WHERE slug = 'hijacked'"));

        // The description in the readers' languages: an Italian reader of the sign-up page sees the Italian one, a
        // Polish reader (none written) the English one.
        var (_, _, translated) = await SubmitAsync(client, "/admin/audiences/lists/web-edit", "/admin/audiences/lists/web-edit",
            ("Name", "Renamed"), ("Description", "For the web"), ("Public", "true"), ("DoubleOptIn", "true"), ("Translations[it]", "Per il web <b>"));
        Assert.Contains("value=\"Per il web &lt;b&gt;\"", translated);
        using var reader = factory.CreateClient();
        Assert.Contains("Per il web &lt;b&gt;", await reader.GetStringAsync("/subscribe/web-edit?lang=it"));
        Assert.Contains("For the web", await reader.GetStringAsync("/subscribe/web-edit?lang=pl"));

        var (status, _, empty) = await SubmitAsync(client, "/admin/audiences/lists/web-edit", "/admin/audiences/lists/web-edit", ("Name", " "));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("A list needs a name.", empty);

        // The members-only rule: such a list stays private.
        var (_, _, members) = await SubmitAsync(client, "/admin/audiences/lists/cecop-link", "/admin/audiences/lists/cecop-link", ("Name", "CECOP Link"), ("Public", "true"));
        Assert.Contains("is for members only, so it cannot be public.", members);
        Assert.Equal("private", await ScalarAsync<string>(factory, "SELECT visibility FROM lists WHERE slug = 'cecop-link'"));
    }

    [Fact]
    public async Task A_list_is_deleted_with_its_subscriptions_only_after_the_confirmation_step_that_counts_them()
    {
        var list = await ListAsync("web-delete");
        await AddSubscriberAsync(factory, "delete-one@example.org", ["web-delete"]);
        await AddSubscriberAsync(factory, "delete-two@example.org", ["web-delete"]);
        var finished = await AddMailingAsync(factory, "web-delete");
        using var client = await SignedInAsync("editor");

        // The button asks first; a POST without the confirmation's field deletes nothing.
        var (status, location, step) = await SubmitAsync(client, "/admin/audiences/lists/web-delete", "/admin/audiences/lists/web-delete?handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/admin/audiences/lists/web-delete?confirm=delete", location);
        Assert.Contains("Delete the list List web-delete?", step);
        Assert.Contains("Its 2 subscriptions go with it: 2 confirmed, 0 unconfirmed and 0 unsubscribed.", step);
        Assert.Contains("This cannot be undone.", step);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM lists WHERE id = @Id", new { list.Id }));

        var (_, gone, listed) = await SubmitAsync(client, "/admin/audiences/lists/web-delete?confirm=delete", "/admin/audiences/lists/web-delete?handler=Delete", ("confirmed", "yes"));
        Assert.Equal("/admin/audiences/lists", gone);
        Assert.Contains("Deleted the list List web-delete (web-delete) and its 2 subscriptions.", listed);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM lists WHERE id = @Id", new { list.Id }));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM subscriptions WHERE list_id = @Id", new { list.Id }));
        Assert.Equal(2L, await CountAsync("SELECT count(*) FROM consents c JOIN subscribers s ON s.id = c.subscriber_id WHERE s.email_key LIKE 'delete-%@example.org' AND c.list_id IS NULL"));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM mailings WHERE id = @finished AND list_id IS NULL", new { finished }));
        using var missing = await client.GetAsync("/admin/audiences/lists/web-delete");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_list_that_a_publication_segment_or_live_mailing_uses_is_not_deleted_and_the_refusal_names_them()
    {
        // The seeded CECOP Newsletter goes to external-newsletter.
        using var client = await SignedInAsync("admin");
        var step = await PageAsync(client, "/admin/audiences/lists/external-newsletter?confirm=delete");
        Assert.Contains("cannot be deleted while it is in use, by the publication CECOP Newsletter", step);
        Assert.DoesNotContain("name=\"confirmed\"", step);
        var (_, _, refused) = await SubmitAsync(client, "/admin/audiences/lists/external-newsletter", "/admin/audiences/lists/external-newsletter?handler=Delete", ("confirmed", "yes"));
        Assert.Contains("cannot be deleted while it is in use, by the publication CECOP Newsletter", refused);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM lists WHERE slug = 'external-newsletter'"));

        await ListAsync("web-used");
        await factory.Services.GetRequiredService<CecopComms.Audience.Segments.SegmentStore>().CreateAsync("web-used-readers", "Readers of the used list",
            CecopComms.Audience.Segments.SegmentFilterParser.Parse(["list=web-used"]), CancellationToken.None);
        var mailing = await AddMailingAsync(factory, "web-used");
        await CountAsync("UPDATE mailings SET status = 'paused' WHERE id = @mailing", new { mailing });
        (_, _, refused) = await SubmitAsync(client, "/admin/audiences/lists/web-used", "/admin/audiences/lists/web-used?handler=Delete", ("confirmed", "yes"));
        Assert.Contains($"List web-used (web-used) cannot be deleted while it is in use, by the segment Readers of the used list and mailing {mailing} (CECOP Newsletter #1 - 2026), not yet finished.", refused);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM lists WHERE slug = 'web-used'"));
    }

    [Fact]
    public async Task A_subscriber_is_put_on_a_list_with_the_staff_consent_and_taken_off_as_an_unsubscribe()
    {
        await ListAsync("web-join");
        var person = await AddSubscriberAsync(factory, "joiner@example.org", ["external-newsletter"]);
        using var client = await SignedInAsync("editor");
        const string page = "/admin/audiences/subscribers/show?email=joiner%40example.org";

        var (_, _, joined) = await SubmitAsync(client, page, "/admin/audiences/subscribers/show?handler=Subscribe",
            ("Email", "joiner@example.org"), ("List", "web-join"), ("ConsentWording", "event-2026"), ("Confirmed", "true"));
        Assert.Contains("joiner@example.org is on List web-join, confirmed.", joined);
        Assert.Equal("confirmed", await SubscriptionStatusAsync(factory, "joiner@example.org", "web-join"));
        Assert.Equal(1L, await CountAsync("""
            SELECT count(*) FROM consents c JOIN lists l ON l.id = c.list_id
            WHERE c.subscriber_id = @Id AND l.slug = 'web-join' AND c.source = 'admin' AND c.channel = 'Sofia' AND c.wording_version = 'event-2026'
            """, new { person.Id }));

        // The members-only rule of the store: CECOP Link only for contacts of member organisations.
        var (status, _, members) = await SubmitAsync(client, page, "/admin/audiences/subscribers/show?handler=Subscribe", ("Email", "joiner@example.org"), ("List", "cecop-link"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("joiner@example.org is not a contact of a member organisation; CECOP Link (cecop-link) is for members only.", members);
        Assert.Null(await SubscriptionStatusAsync(factory, "joiner@example.org", "cecop-link"));

        var (_, _, left) = await SubmitAsync(client, page, "/admin/audiences/subscribers/show?handler=Unsubscribe", ("Email", "joiner@example.org"), ("List", "web-join"));
        Assert.Contains("joiner@example.org is off List web-join; it counts as an unsubscribe", left);
        Assert.Equal("unsubscribed", await SubscriptionStatusAsync(factory, "joiner@example.org", "web-join"));
        Assert.Equal(1L, await CountAsync("""
            SELECT count(*) FROM consents c JOIN lists l ON l.id = c.list_id
            WHERE c.subscriber_id = @Id AND l.slug = 'web-join' AND c.withdrawn_at IS NOT NULL
            """, new { person.Id }));
        Assert.Equal("confirmed", await SubscriptionStatusAsync(factory, "joiner@example.org", "external-newsletter"));
        Assert.Equal("active", await ScalarAsync<string>(factory, "SELECT status FROM subscribers WHERE id = @Id", new { person.Id }));
    }

    [Fact]
    public async Task A_subscriber_s_data_downloads_as_the_cli_s_document_and_erasure_needs_its_confirmation_step()
    {
        var person = await AddSubscriberAsync(factory, "erase-me@example.org", ["external-newsletter"], name: "Erin Erase");
        using var client = await SignedInAsync("editor");
        const string page = "/admin/audiences/subscribers/show?email=erase-me%40example.org";

        using (var data = await client.GetAsync("/admin/audiences/subscribers/show?handler=Data&email=erase-me%40example.org"))
        {
            Assert.Equal(HttpStatusCode.OK, data.StatusCode);
            Assert.Equal("application/json", data.Content.Headers.ContentType?.MediaType);
            var expected = (await factory.Services.GetRequiredService<SubscriberStore>().PersonalDataAsync("erase-me@example.org", CancellationToken.None)).ToJson();
            Assert.Equal(expected, await data.Content.ReadAsStringAsync());
            using var json = JsonDocument.Parse(expected);
            Assert.Equal("erase-me@example.org", json.RootElement.GetProperty("subscriber").GetProperty("email").GetString());
        }

        var (status, location, step) = await SubmitAsync(client, page, "/admin/audiences/subscribers/show?handler=Erase", ("Email", "erase-me@example.org"));
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/admin/audiences/subscribers/show?email=erase-me@example.org&confirm=erase", location);
        Assert.Contains("Erase erase-me@example.org?", step);
        Assert.Contains("Everything personal held on Erin Erase &lt;erase-me@example.org&gt; is erased", step);
        Assert.Contains("This cannot be undone.", step);
        Assert.Null(await ScalarAsync<string?>(factory, "SELECT erased_at FROM subscribers WHERE id = @Id", new { person.Id }));

        var (_, gone, listed) = await SubmitAsync(client, page + "&confirm=erase", "/admin/audiences/subscribers/show?handler=Erase",
            ("Email", "erase-me@example.org"), ("confirmed", "yes"));
        Assert.Equal("/admin/audiences/subscribers", gone);
        Assert.Contains("Erased erase-me@example.org; their subscriptions stay only as anonymous counts.", listed);
        Assert.NotNull(await ScalarAsync<string?>(factory, "SELECT erased_at FROM subscribers WHERE id = @Id", new { person.Id }));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM subscribers WHERE email_key = 'erase-me@example.org' OR name = 'Erin Erase'"));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM subscriptions WHERE subscriber_id = @Id", new { person.Id }));
    }

    [Fact]
    public async Task An_organisation_is_deleted_after_its_confirmation_step_and_its_contacts_stay_without_it()
    {
        var organisation = await factory.Services.GetRequiredService<OrganisationStore>().AddAsync("Coop To Close", "FR", "full", null, CancellationToken.None);
        var contact = await factory.Services.GetRequiredService<SubscriberStore>().AddAsync(new NewSubscriber("closing@example.org", "Clo", "fr", "Coop To Close"),
            ["cecop-link"], true, null, CancellationToken.None);
        using var client = await SignedInAsync("admin");
        var page = $"/admin/audiences/organisations/{organisation.Id}";

        var (status, location, step) = await SubmitAsync(client, page, $"{page}?handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal($"{page}?confirm=delete", location);
        Assert.Contains("Delete Coop To Close?", step);
        Assert.Contains("Its 1 contact persons stay subscribers, without an organisation: members-only lists no longer reach them.", step);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM organisations WHERE id = @Id", new { organisation.Id }));

        var (_, gone, listed) = await SubmitAsync(client, $"{page}?confirm=delete", $"{page}?handler=Delete", ("confirmed", "yes"));
        Assert.Equal("/admin/audiences/organisations", gone);
        Assert.Contains("Deleted Coop To Close; 1 contact persons stay subscribers without an organisation.", listed);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM organisations WHERE id = @Id", new { organisation.Id }));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM subscribers WHERE id = @Id AND organisation_id IS NULL AND status = 'active'", new { contact.Id }));
        var lists = factory.Services.GetRequiredService<ListStore>();
        var recipients = await lists.RecipientsAsync(await lists.GetAsync("cecop-link", CancellationToken.None), CancellationToken.None);
        Assert.DoesNotContain(recipients, r => r.Id == contact.Id);
    }

    [Fact]
    public async Task Viewers_see_no_change_buttons_and_every_change_is_forbidden()
    {
        await ListAsync("web-viewer");
        var person = await AddSubscriberAsync(factory, "viewer-subject@example.org", ["web-viewer"]);
        var organisation = await factory.Services.GetRequiredService<OrganisationStore>().AddAsync("Viewer Kept Coop", "BE", "full", null, CancellationToken.None);
        using var client = await SignedInAsync("viewer");

        var subscriberPage = await PageAsync(client, "/admin/audiences/subscribers/show?email=viewer-subject%40example.org&confirm=erase");
        var listPage = await PageAsync(client, "/admin/audiences/lists/web-viewer?confirm=delete");
        var organisationPage = await PageAsync(client, $"/admin/audiences/organisations/{organisation.Id}?confirm=delete");
        foreach (var html in new[] { subscriberPage, listPage, organisationPage })
        {
            Assert.DoesNotMatch("<form[^>]*method=\"post\"[^>]*action=\"/admin/audiences", html);
            Assert.DoesNotContain("name=\"confirmed\"", html);
        }
        Assert.Contains("Download everything held on them (JSON)", subscriberPage);

        var csrf = await CsrfAsync(client, "/admin/audiences");
        var posts = new[]
        {
            "/admin/audiences/lists/web-viewer", "/admin/audiences/lists/web-viewer?handler=Delete",
            "/admin/audiences/subscribers/show?handler=Subscribe", "/admin/audiences/subscribers/show?handler=Unsubscribe",
            "/admin/audiences/subscribers/show?handler=Erase", $"/admin/audiences/organisations/{organisation.Id}?handler=Delete",
        };
        foreach (var url in posts)
        {
            using var post = await PostAsync(client, url, ("__csrf", csrf), ("confirmed", "yes"), ("Email", "viewer-subject@example.org"), ("List", "web-viewer"), ("Name", "Changed"));
            Assert.True(post.StatusCode == HttpStatusCode.Forbidden, $"{url}: {post.StatusCode} {post.Headers.Location}");
        }
        Assert.Equal("List web-viewer", await ScalarAsync<string>(factory, "SELECT name FROM lists WHERE slug = 'web-viewer'"));
        Assert.Equal("confirmed", await SubscriptionStatusAsync(factory, "viewer-subject@example.org", "web-viewer"));
        Assert.Null(await ScalarAsync<string?>(factory, "SELECT erased_at FROM subscribers WHERE id = @Id", new { person.Id }));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM organisations WHERE id = @Id", new { organisation.Id }));
    }

    [Fact]
    public async Task A_change_without_its_antiforgery_field_is_refused_and_changes_nothing()
    {
        await ListAsync("web-forged");
        var person = await AddSubscriberAsync(factory, "forged-subject@example.org", ["web-forged"]);
        var organisation = await factory.Services.GetRequiredService<OrganisationStore>().AddAsync("Forged Kept Coop", "BE", "full", null, CancellationToken.None);
        using var client = await SignedInAsync("admin");
        await CsrfAsync(client, "/admin/audiences/lists/web-forged");
        var posts = new[]
        {
            "/admin/audiences/lists/web-forged?handler=Delete", "/admin/audiences/subscribers/show?handler=Unsubscribe",
            "/admin/audiences/subscribers/show?handler=Erase", $"/admin/audiences/organisations/{organisation.Id}?handler=Delete",
        };
        foreach (var url in posts)
        {
            using var post = await PostAsync(client, url, ("confirmed", "yes"), ("Email", "forged-subject@example.org"), ("List", "web-forged"));
            Assert.True(post.StatusCode == HttpStatusCode.BadRequest, $"{url}: {post.StatusCode}");
        }
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM lists WHERE slug = 'web-forged'"));
        Assert.Equal("confirmed", await SubscriptionStatusAsync(factory, "forged-subject@example.org", "web-forged"));
        Assert.Null(await ScalarAsync<string?>(factory, "SELECT erased_at FROM subscribers WHERE id = @Id", new { person.Id }));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM organisations WHERE id = @Id", new { organisation.Id }));
    }
}
