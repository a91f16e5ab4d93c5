using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using CecopComms.Content;
using CecopComms.Delivery;
using CecopComms.Delivery.Bounces;
using CecopComms.Delivery.Tracking;
using CecopComms.Storage;
using CecopComms.Tests.Peers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static CecopComms.Tests.Web.Admin.StaffSession;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// /admin/settings: admins only; values saved there are kept in the database, win over the files and apply without a
/// restart; secrets are write-only; wrong values get a sentence naming the field; the SMTP check runs against
/// Debian's aiosmtpd and a closed port, the bounce mailbox check against Dovecot; each save is in the activity log
/// without its secrets.
/// </summary>
public sealed class SettingsPageTests
{
    private const string Page = "/admin/settings";

    [Fact]
    public async Task Viewers_and_editors_get_403_on_every_handler_and_only_admins_see_the_link()
    {
        using var factory = new CecopWebFactory();
        foreach (var role in new[] { "viewer", "editor" })
        {
            var (client, _) = await SignInAsync(factory, role);
            using (client)
            {
                using var get = await client.GetAsync(Page);
                Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
                // The antiforgery token of a page they may see, so the refusal comes from the role check, not the token.
                var csrf = await CsrfAsync(client, "/admin/login");
                foreach (var handler in new[] { "", "?handler=CheckSmtp&server=0", "?handler=CheckBounces" })
                {
                    using var post = await PostAsync(client, Page + handler, Fields(csrf, ("Form.RatePerSecond", "99")));
                    Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
                }
                Assert.DoesNotContain("href=\"/admin/settings\"", await HtmlAsync(client, "/admin"));
            }
        }
        Assert.Equal(0, await ScalarAsync<long>(factory, "SELECT count(*) FROM settings"));

        var (admin, _) = await SignInAsync(factory, "admin");
        using var _admin = admin;
        Assert.Contains("href=\"/admin/settings\"", await HtmlAsync(admin, "/admin"));
        var html = await HtmlAsync(admin, Page);
        Assert.Contains("<h1>Settings</h1>", html);
        // The settings form carries its own antiforgery field (an explicit action does not get one by itself).
        var form = html[html.IndexOf("<form method=\"post\" action=\"/admin/settings\"", StringComparison.Ordinal)..];
        Assert.Contains("name=\"__csrf\"", form[..form.IndexOf("</form>", StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task Saved_values_win_over_the_files_show_on_reload_and_reach_the_options_without_a_restart()
    {
        using var factory = new CecopWebFactory();
        factory.Settings["Delivery:RatePerSecond"] = "5";
        factory.Settings["Tracking:Enabled"] = "false";
        var (admin, _) = await SignInAsync(factory, "admin");
        using var _admin = admin;
        var before = await HtmlAsync(admin, Page);
        Assert.Contains("id=\"rate-per-second\" name=\"Form.RatePerSecond\" value=\"5\"", before);
        Assert.Contains("From the settings files (the defaults) until saved here.", before);

        var csrf = await CsrfAsync(admin, Page);
        using var saved = await PostAsync(admin, Page, Fields(csrf, ("Form.RatePerSecond", "12.5"), ("Form.RatePerDay", "20000"), ("Form.TrackingEnabled", "true")));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await HtmlAsync(admin, Page);
        Assert.Contains("Saved: Sending rates, Tracking.", after);
        Assert.Contains("id=\"rate-per-second\" name=\"Form.RatePerSecond\" value=\"12.5\"", after);
        Assert.Contains("id=\"rate-per-day\" name=\"Form.RatePerDay\" value=\"20000\"", after);
        Assert.Contains("Saved on this page by admin-", after);
        // The success line is a status in green, not an alert in the error colour.
        Assert.Contains("<p class=\"notice\" role=\"status\">Saved: Sending rates, Tracking.", after);
        // Only the sections that changed are kept; the others still follow the files.
        Assert.Equal(2, await ScalarAsync<long>(factory, "SELECT count(*) FROM settings"));
        Assert.Equal(12.5, factory.Services.GetRequiredService<IOptionsMonitor<DeliveryOptions>>().CurrentValue.RatePerSecond);
        Assert.True(factory.Services.GetRequiredService<IOptionsMonitor<TrackingOptions>>().CurrentValue.Enabled);
        // The tracking endpoints, which answered 404 while tracking was off in the files, now answer (400: a made-up token).
        using var pixel = await admin.GetAsync("/t/o/not-a-token.gif");
        Assert.NotEqual(HttpStatusCode.NotFound, pixel.StatusCode);
    }

    [Fact]
    public async Task Passwords_and_the_DKIM_key_are_write_only_and_the_activity_log_names_them_without_their_values()
    {
        using var factory = new CecopWebFactory();
        var (admin, _) = await SignInAsync(factory, "admin");
        using var _admin = admin;
        const string smtpPassword = "Smtp <pass> \"w0rd\" & more";
        const string bouncePassword = "B0unce-mailbox-secret";
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportPkcs8PrivateKeyPem();
        var keyBody = pem.Split('\n')[1];

        var csrf = await CsrfAsync(admin, Page);
        using var saved = await PostAsync(admin, Page, Fields(csrf,
            ("Form.Transport", "smtp"), ("Form.Servers[0].Origin", "-1"), ("Form.Servers[0].Host", "127.0.0.1"), ("Form.Servers[0].Port", "2525"),
            ("Form.Servers[0].Security", "None"), ("Form.Servers[0].User", "sender"), ("Form.Servers[0].NewPassword", smtpPassword),
            ("Form.Servers[0].MaxConnections", "2"),
            ("Form.DkimDomain", "cecop.example"), ("Form.DkimSelector", "mail2026"), ("Form.DkimNewKey", pem),
            ("Form.BounceHost", "127.0.0.1"), ("Form.BounceUser", "bounces"), ("Form.BounceNewPassword", bouncePassword)));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var html = await HtmlAsync(admin, Page);
        foreach (var secret in new[] { smtpPassword, WebUtility.HtmlEncode(smtpPassword), "w0rd", bouncePassword, keyBody, "BEGIN PRIVATE KEY" })
            Assert.DoesNotContain(secret, html);
        Assert.Contains("(set)", html);
        var delivery = factory.Services.GetRequiredService<IOptionsMonitor<DeliveryOptions>>().CurrentValue;
        Assert.Equal(smtpPassword, delivery.Servers.Single().Password);
        Assert.Equal(pem.Trim(), delivery.Dkim.PrivateKey);
        Assert.True(delivery.Dkim.Enabled);

        // The first server as saved, at the given host and port, with three connections and no new secret.
        static (string, string)[] Kept(string host, string port = "2525") =>
        [
            ("Form.Transport", "smtp"), ("Form.Servers[0].Origin", "0"), ("Form.Servers[0].Host", host), ("Form.Servers[0].Port", port),
            ("Form.Servers[0].Security", "None"), ("Form.Servers[0].User", "sender"), ("Form.Servers[0].MaxConnections", "3"),
            ("Form.DkimDomain", "cecop.example"), ("Form.DkimSelector", "mail2026"), ("Form.BounceHost", "127.0.0.1"), ("Form.BounceUser", "bounces"),
        ];

        // Saved again without a new password: the one in force stays.
        csrf = await CsrfAsync(admin, Page);
        using (var again = await PostAsync(admin, Page, Fields(csrf, Kept("127.0.0.1"))))
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        delivery = factory.Services.GetRequiredService<IOptionsMonitor<DeliveryOptions>>().CurrentValue;
        Assert.Equal(3, delivery.Servers.Single().MaxConnections);
        Assert.Equal(smtpPassword, delivery.Servers.Single().Password);
        Assert.Equal(pem.Trim(), delivery.Dkim.PrivateKey);
        Assert.Equal(bouncePassword, factory.Services.GetRequiredService<IOptionsMonitor<BounceMailboxOptions>>().CurrentValue.Password);

        // A kept password does not follow its server to another host, or another port of it: it must be given again.
        foreach (var (host, port) in new[] { ("198.51.100.7", "2525"), ("127.0.0.1", "2526") })
        {
            csrf = await CsrfAsync(admin, Page);
            using var moved = await PostAsync(admin, Page, Fields(csrf, Kept(host, port)));
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            Assert.Contains("SMTP server 1: the host, port or security changed, so enter the password again", await moved.Content.ReadAsStringAsync());
        }

        // Removing clears it.
        csrf = await CsrfAsync(admin, Page);
        using (var cleared = await PostAsync(admin, Page, Fields(csrf, [.. Kept("127.0.0.1"), ("Form.Servers[0].ClearPassword", "true")])))
            Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Null(factory.Services.GetRequiredService<IOptionsMonitor<DeliveryOptions>>().CurrentValue.Servers.Single().Password);

        var log = await HtmlAsync(admin, "/admin/activity?action=settings");
        Assert.Contains("Servers:0:Password set", log);
        Assert.Contains("Servers:0:Password removed", log);
        Assert.Contains("PrivateKey set", log);
        Assert.Contains("Servers:0:MaxConnections 2 → 3", log);
        var detail = string.Join("\n", await factory.Database.QueryListAsync<string>("SELECT detail || subject FROM activity WHERE action = 'settings'", null, CancellationToken.None));
        foreach (var secret in new[] { smtpPassword, "w0rd", bouncePassword, keyBody }) Assert.DoesNotContain(secret, detail);
        foreach (var secret in new[] { WebUtility.HtmlEncode(smtpPassword), bouncePassword, keyBody }) Assert.DoesNotContain(secret, log);
    }

    [Fact]
    public async Task Wrong_values_get_a_sentence_naming_the_field_and_nothing_is_saved()
    {
        using var factory = new CecopWebFactory();
        var (admin, _) = await SignInAsync(factory, "admin");
        using var _admin = admin;
        var csrf = await CsrfAsync(admin, Page);

        using var response = await PostAsync(admin, Page, Fields(csrf,
            ("Form.Transport", "smtp"), ("Form.Servers[0].Origin", "-1"), ("Form.Servers[0].Host", "smtp.example.org\r\nRCPT TO:<x@example.org>"),
            ("Form.Servers[0].Port", "seventy"), ("Form.Servers[0].Security", "None"), ("Form.Servers[0].MaxConnections", "0"),
            ("Form.RatePerSecond", "-1"), ("Form.RatePerHour", "lots"),
            ("Form.DkimDomain", "cecop.example"), ("Form.DkimSelector", "mail2026"), ("Form.DkimNewKey", "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----"),
            ("Form.BouncesEnabled", "true"), ("Form.BouncePort", "70000"), ("Form.BounceIntervalMinutes", "0")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Nothing was saved. Correct these problems:", html);
        Assert.Contains("SMTP server 1: the host may hold letters, digits, dots, hyphens and colons only.", html);
        Assert.Contains("SMTP server 1: the port must be a whole number from 0 (the usual port) to 65535.", html);
        Assert.Contains("SMTP server 1: connections at once must be a whole number from 1 to 256.", html);
        Assert.Contains("Messages per second must be 0 (no limit) or a number from 0.01 to 1000000.", html);
        Assert.Contains("Messages per hour must be 0 (no limit) or a number from 1 to 100000000.", html);
        Assert.Contains("DKIM private key: this is not an RSA private key in PEM form", html);
        Assert.Contains("Bounce mailbox: enter the host name or address of its server.", html);
        Assert.Contains("Bounce mailbox: the port must be a whole number from 0 (the usual port) to 65535.", html);
        Assert.Contains("Bounce mailbox: read it every 1 to 1440 minutes.", html);
        // Each sentence sits on its field too, which points to it.
        Assert.Contains("id=\"server-0-port\" name=\"Form.Servers[0].Port\" value=\"seventy\"", html);
        Assert.Contains("aria-describedby=\"server-0-port-problem\" aria-invalid=\"true\"", html);
        Assert.Contains("<p class=\"field-problem\" id=\"rate-per-second-problem\">", html);
        Assert.Equal(0, await ScalarAsync<long>(factory, "SELECT count(*) FROM settings"));

        // A public key is not a signing key.
        using var rsa = RSA.Create(2048);
        csrf = await CsrfAsync(admin, Page);
        using var publicKey = await PostAsync(admin, Page, Fields(csrf, ("Form.DkimDomain", "cecop.example"), ("Form.DkimSelector", "mail2026"),
            ("Form.DkimNewKey", rsa.ExportSubjectPublicKeyInfoPem())));
        Assert.Contains("DKIM private key: this is not an RSA private key in PEM form", WebUtility.HtmlDecode(await publicKey.Content.ReadAsStringAsync()));
        Assert.Equal(0, await ScalarAsync<long>(factory, "SELECT count(*) FROM settings"));
    }

    [Fact]
    public async Task The_SMTP_check_says_what_worked_against_aiosmtpd_and_what_failed_on_a_wrong_password_or_a_closed_port()
    {
        await using var smtp = await AiosmtpdServer.StartAsync("--auth-required", "sender:right-password");
        using var factory = new CecopWebFactory();
        var (admin, _) = await SignInAsync(factory, "admin");
        using var _admin = admin;
        var port = smtp.Port.ToString(CultureInfo.InvariantCulture);

        async Task<string> CheckAsync(string checkedPort, string password)
        {
            var csrf = await CsrfAsync(admin, Page);
            using var response = await PostAsync(admin, Page + "?handler=CheckSmtp&server=0", Fields(csrf,
                ("Form.Transport", "smtp"), ("Form.Servers[0].Origin", "-1"), ("Form.Servers[0].Host", "127.0.0.1"), ("Form.Servers[0].Port", checkedPort),
                ("Form.Servers[0].Security", "None"), ("Form.Servers[0].User", "sender"), ("Form.Servers[0].NewPassword", password), ("Form.Servers[0].MaxConnections", "1")));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(password, html);
            return WebUtility.HtmlDecode(html);
        }

        Assert.Contains($"<p class=\"notice\" role=\"status\" id=\"check-result\">Connected to 127.0.0.1:{port}, the server accepted the sign-in.</p>", await CheckAsync(port, "right-password"));
        Assert.Contains($"<div class=\"problems\" role=\"alert\" id=\"check-result\"><p>Connected to 127.0.0.1:{port}, but the server refused the user name or password.</p>",
            await CheckAsync(port, "wrong-password"));
        var closed = ServeProcess.FreePort().ToString(CultureInfo.InvariantCulture);
        Assert.Contains($"Could not connect to 127.0.0.1:{closed}: connection refused.", await CheckAsync(closed, "right-password"));
        // A check saves nothing and sends nothing.
        Assert.Equal(0, await ScalarAsync<long>(factory, "SELECT count(*) FROM settings"));
        Assert.Empty(smtp.Received());
    }

    [Fact]
    public async Task The_bounce_mailbox_check_signs_in_to_Dovecot_counts_and_keeps_its_messages_and_names_a_wrong_password()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        dovecot.Deliver("From: mailer-daemon@example.org\r\nTo: bounces@bounces.cecop.example\r\nSubject: failure\r\n\r\nUndeliverable.\r\n"u8.ToArray());
        using var factory = new CecopWebFactory();
        var (admin, _) = await SignInAsync(factory, "admin");
        using var _admin = admin;

        async Task<string> CheckAsync(string password)
        {
            var csrf = await CsrfAsync(admin, Page);
            using var response = await PostAsync(admin, Page + "?handler=CheckBounces", Fields(csrf,
                ("Form.BounceProtocol", "pop3"), ("Form.BounceHost", "127.0.0.1"), ("Form.BouncePort", dovecot.Pop3sPort.ToString(CultureInfo.InvariantCulture)),
                ("Form.BounceSecurity", "SslOnConnect"), ("Form.BounceAcceptInvalidCertificate", "true"),
                ("Form.BounceUser", DovecotServer.User), ("Form.BounceNewPassword", password)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(WebUtility.HtmlEncode(password), html);
            return WebUtility.HtmlDecode(html);
        }

        var where = $"127.0.0.1:{dovecot.Pop3sPort}";
        Assert.Contains($"<p class=\"notice\" role=\"status\" id=\"check-result\">Signed in to the bounce mailbox at {where} (POP3); it holds 1 message.</p>",
            await CheckAsync(DovecotServer.Password));
        Assert.Equal(1, dovecot.MessageFiles());
        Assert.Contains($"Connected to {where}, but the server refused the user name or password.", await CheckAsync("not the password"));
        Assert.Equal(0, await ScalarAsync<long>(factory, "SELECT count(*) FROM settings"));
    }

    [Fact]
    public async Task The_bounce_mailbox_check_never_takes_a_kept_password_to_another_port_nor_a_line_break_to_the_server()
    {
        // A listener that would see the check's connection: another port of the same host than the password was kept for.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            using var factory = new CecopWebFactory();
            factory.Settings["Bounces:Host"] = "127.0.0.1";
            factory.Settings["Bounces:Port"] = "995";
            factory.Settings["Bounces:User"] = "bounces";
            factory.Settings["Bounces:Password"] = "kept-bounce-secret";
            var (admin, _) = await SignInAsync(factory, "admin");
            using var _admin = admin;

            async Task<string> CheckAsync(string user, string newPassword)
            {
                var csrf = await CsrfAsync(admin, Page);
                using var response = await PostAsync(admin, Page + "?handler=CheckBounces", Fields(csrf,
                    ("Form.BounceProtocol", "pop3"), ("Form.BounceHost", "127.0.0.1"), ("Form.BouncePort", port.ToString(CultureInfo.InvariantCulture)),
                    ("Form.BounceSecurity", "SslOnConnect"), ("Form.BounceUser", user), ("Form.BounceNewPassword", newPassword)));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            }

            Assert.Contains("Bounce mailbox: the host, port or security changed, so enter the password again", await CheckAsync("bounces", ""));
            Assert.Contains("Bounce mailbox: the user name must be one line", await CheckAsync("bounces\r\nDELE 1", "typed-again"));
            Assert.Contains("Bounce mailbox: the password must be one line", await CheckAsync("bounces", "pw\r\nDELE 2"));
            Assert.False(listener.Pending(), "The check connected although its fields were refused.");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task A_new_SMTP_server_and_DKIM_key_saved_on_the_page_take_the_next_test_copy_without_a_restart()
    {
        await using var first = await AiosmtpdServer.StartAsync();
        await using var second = await AiosmtpdServer.StartAsync();
        using var factory = new CecopWebFactory();
        factory.Settings["Delivery:Transport"] = "smtp";
        factory.Settings["Delivery:Servers:0:Host"] = "127.0.0.1";
        factory.Settings["Delivery:Servers:0:Port"] = first.Port.ToString(CultureInfo.InvariantCulture);
        factory.Settings["Delivery:Servers:0:Security"] = "None";
        var edition = await ArchiveWebFactory.LoadAsync(factory.Services.GetRequiredService<MailingContent>(), "cecop-newsletter-2021-06.yaml", 5, "2026-10-15");
        var testSend = factory.Services.GetRequiredService<TestSend>();
        var source = new MailingSource(MailingSourceKind.Edition, edition);
        Assert.Equal(OutcomeKind.Sent, (await testSend.SendAsync(source, "ines@example.org", null, null, CancellationToken.None)).Kind);
        Assert.Single(first.Received());

        var (admin, _) = await SignInAsync(factory, "admin");
        using var _admin = admin;
        Assert.Contains($"value=\"{first.Port}\"", await HtmlAsync(admin, Page));
        var csrf = await CsrfAsync(admin, Page);
        using var rsa = RSA.Create(2048);
        using var saved = await PostAsync(admin, Page, Fields(csrf, ("Form.Transport", "smtp"), ("Form.Servers[0].Origin", "0"), ("Form.Servers[0].Host", "127.0.0.1"),
            ("Form.Servers[0].Port", second.Port.ToString(CultureInfo.InvariantCulture)), ("Form.Servers[0].Security", "None"), ("Form.Servers[0].MaxConnections", "4"),
            ("Form.DkimDomain", "cecop.example"), ("Form.DkimSelector", "mail2026"), ("Form.DkimNewKey", rsa.ExportRSAPrivateKeyPem())));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.Equal(OutcomeKind.Sent, (await testSend.SendAsync(source, "piotr@example.org", null, null, CancellationToken.None)).Kind);
        var before = Assert.Single(first.Received());
        var received = Assert.Single(second.Received());
        Assert.Equal("piotr@example.org", received.Envelope.GetProperty("rcpt_tos")[0].GetString());
        // The key pasted on the page signs the next message too.
        Assert.DoesNotContain("DKIM-Signature:", System.Text.Encoding.ASCII.GetString(before.Data));
        var signed = System.Text.Encoding.ASCII.GetString(received.Data);
        Assert.Matches(@"DKIM-Signature:[^\n]*(\n[ \t][^\n]*)*\bd=cecop\.example;", signed);
        Assert.Matches(@"DKIM-Signature:[^\n]*(\n[ \t][^\n]*)*\bs=mail2026;", signed);
    }

    [Fact]
    public async Task A_server_changed_while_a_mailing_runs_takes_the_rest_and_every_reader_gets_exactly_one_copy()
    {
        await using var first = await AiosmtpdServer.StartAsync();
        await using var second = await AiosmtpdServer.StartAsync();
        using var factory = new SendingEngineFactory();
        factory.Settings["Delivery:Transport"] = "smtp";
        factory.Settings["Delivery:Servers:0:Host"] = "127.0.0.1";
        factory.Settings["Delivery:Servers:0:Port"] = first.Port.ToString(CultureInfo.InvariantCulture);
        factory.Settings["Delivery:Servers:0:Security"] = "None";
        // Slow enough that the change lands in the middle of the send.
        factory.Settings["Delivery:RatePerSecond"] = "8";
        var edition = await ArchiveWebFactory.LoadAsync(factory.Services.GetRequiredService<MailingContent>(), "cecop-newsletter-2021-06.yaml", 5, "2026-10-15");
        var readers = Enumerable.Range(1, 24).Select(i => $"reader{i:D2}@example.org").ToList();
        foreach (var reader in readers) await AddSubscriberAsync(factory, reader, ["external-newsletter"]);
        using var editor = await SendingStaff.SignInAsync(factory, "editor");
        var (admin, _) = await SignInAsync(factory, "admin");
        using var _admin = admin;

        var (_, started) = await SendingStaff.SendNowConfirmedAsync(editor, $"edition:{edition}");
        using var _started = started;
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        for (var i = 0; i < 200 && first.Received().Count < 4; i++) await Task.Delay(50);
        var csrf = await CsrfAsync(admin, Page);
        using (var saved = await PostAsync(admin, Page, Fields(csrf, ("Form.Transport", "smtp"), ("Form.Servers[0].Origin", "0"), ("Form.Servers[0].Host", "127.0.0.1"),
            ("Form.Servers[0].Port", second.Port.ToString(CultureInfo.InvariantCulture)), ("Form.Servers[0].Security", "None"), ("Form.Servers[0].MaxConnections", "4"),
            ("Form.RatePerSecond", "50"))))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = started.Headers.Location!.OriginalString;
        var html = await SendingStaff.FinishedPageAsync(editor, page);

        Assert.Contains(">finished</strong>", html);
        var before = first.Received().Select(r => r.Envelope.GetProperty("rcpt_tos")[0].GetString()!).ToList();
        var after = second.Received().Select(r => r.Envelope.GetProperty("rcpt_tos")[0].GetString()!).ToList();
        Assert.InRange(before.Count, 4, readers.Count - 1);
        Assert.NotEmpty(after);
        Assert.Equal(readers, before.Concat(after).Order(StringComparer.Ordinal));
        Assert.Equal(0, await ScalarAsync<long>(factory, "SELECT count(*) FROM ledger WHERE status <> 'sent'"));
    }

    [Fact]
    public async Task The_bounce_reader_switched_on_on_the_page_reads_the_mailbox_without_a_restart()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        dovecot.Deliver("From: someone@example.org\r\nTo: bounces@bounces.cecop.example\r\nSubject: hello\r\nMessage-ID: <hello@example.org>\r\n\r\nNot a bounce.\r\n"u8.ToArray());
        // The engine runs (as in `cecop serve`), with the bounce reader off in the files.
        using var factory = new SendingEngineFactory();
        var (admin, _) = await SignInAsync(factory, "admin");
        using var _admin = admin;
        await Task.Delay(500);
        Assert.Equal(1, dovecot.MessageFiles());

        var csrf = await CsrfAsync(admin, Page);
        using (var saved = await PostAsync(admin, Page, Fields(csrf, ("Form.BouncesEnabled", "true"), ("Form.BounceProtocol", "imap"), ("Form.BounceHost", "127.0.0.1"),
            ("Form.BouncePort", dovecot.ImapsPort.ToString(CultureInfo.InvariantCulture)), ("Form.BounceSecurity", "SslOnConnect"),
            ("Form.BounceAcceptInvalidCertificate", "true"), ("Form.BounceUser", DovecotServer.User), ("Form.BounceNewPassword", DovecotServer.Password))))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // Read (and, being no bounce, removed) at once, not after the 10 minutes of the interval or a restart.
        for (var i = 0; i < 200 && dovecot.MessageFiles() > 0; i++) await Task.Delay(50);
        Assert.Equal(0, dovecot.MessageFiles());
    }

    // Every field of the form at its default, then the test's own values; the antiforgery token first.
    private static (string, string)[] Fields(string csrf, params (string Name, string Value)[] values)
    {
        var fields = new Dictionary<string, string>
        {
            ["__csrf"] = csrf,
            ["Form.Transport"] = "outbox",
            ["Form.RatePerSecond"] = "0",
            ["Form.RatePerHour"] = "0",
            ["Form.RatePerDay"] = "0",
            ["Form.PerDomainRatePerSecond"] = "0",
            ["Form.BounceProtocol"] = "pop3",
            ["Form.BouncePort"] = "0",
            ["Form.BounceSecurity"] = "SslOnConnect",
            ["Form.BounceIntervalMinutes"] = "10",
        };
        foreach (var (name, value) in values) fields[name] = value;
        return fields.Select(f => (f.Key, f.Value)).ToArray();
    }
}
