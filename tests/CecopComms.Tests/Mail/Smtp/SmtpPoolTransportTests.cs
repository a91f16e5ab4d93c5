using System.Text;
using CecopComms.Delivery;
using CecopComms.Mail;
using CecopComms.Tests.Peers;

namespace CecopComms.Tests.Mail.Smtp;

/// <summary>
/// MailKit's SMTP client as the application drives it (<see cref="SmtpConnector"/>, <see cref="PooledSmtpClient"/>,
/// <see cref="SmtpPoolTransport"/>) against Debian's aiosmtpd: the bytes that arrive, the pool's connections, and how
/// each of the server's refusals becomes a result.
/// </summary>
public sealed class SmtpPoolTransportTests
{
    private static SmtpServerOptions Server(AiosmtpdServer server, Action<SmtpServerOptions>? configure = null)
    {
        var options = new SmtpServerOptions { Host = "127.0.0.1", Port = server.Port, Security = "None", MaxConnections = 1, LocalDomain = "news.cecop.example" };
        configure?.Invoke(options);
        return options;
    }

    private static SmtpPoolTransport Pool(AiosmtpdServer server, Action<SmtpServerOptions>? configure = null) => new([Server(server, configure)], 10_000);

    [Fact]
    public async Task Composed_messages_arrive_byte_for_byte_on_one_reused_connection_with_our_ehlo_name()
    {
        await using var server = await AiosmtpdServer.StartAsync();
        var messages = Enumerable.Range(1, 6).Select(i => Newsletters.Outgoing($"reader{i}@example.org")).ToList();

        await using (var pool = Pool(server))
        {
            foreach (var (message, i) in messages.Select((m, i) => (m, i)))
            {
                var result = await pool.SendAsync(message, CancellationToken.None);
                Assert.Equal(OutcomeKind.Sent, result.Kind);
                Assert.Contains($"queued as {i + 1:0000}", result.Reply);
            }
            Assert.Equal(1, pool.ConnectionsOpened);
        }

        var received = server.Received();
        Assert.Equal(messages.Count, received.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var (data, envelope) = received[i];
            Assert.Equal(Newsletters.Written(messages[i].Message), data);
            Assert.Equal(messages[i].Sender.Address, envelope.GetProperty("mail_from").GetString());
            Assert.Equal([$"reader{i + 1}@example.org"], envelope.GetProperty("rcpt_tos").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal("news.cecop.example", envelope.GetProperty("ehlo").GetString());
            Assert.Equal(1, envelope.GetProperty("connection").GetInt32());
            // aiosmtpd states SIZE: the size MailKit declared is the size that arrived.
            Assert.Contains($"SIZE={data.Length}", envelope.GetProperty("mail_options").EnumerateArray().Select(o => o.GetString()));
        }
        // Lines that start with a dot were stuffed on the way and unstuffed by the server.
        Assert.Contains("\r\n.this line starts with a dot\r\n..and this with two\r\n.\r\n", Encoding.ASCII.GetString(received[0].Data));
    }

    [Fact]
    public async Task Starttls_with_a_self_signed_certificate_needs_accept_invalid_certificate_then_signs_in_over_tls()
    {
        using var certificate = await SelfSignedCertificate.CreateAsync();
        await using var server = await AiosmtpdServer.StartAsync("--starttls", certificate.CertificatePath, certificate.KeyPath, "--require-starttls",
            "--auth-required", "news:s3cret \"pass\"");
        void Secure(SmtpServerOptions o)
        {
            o.Security = "StartTls";
            o.User = "news";
            o.Password = "s3cret \"pass\"";
            o.AuthMechanism = "PLAIN";
        }

        await using (var strict = Pool(server, Secure))
        {
            var refused = await strict.SendAsync(Newsletters.Outgoing("ana@example.org"), CancellationToken.None);
            Assert.Equal((OutcomeKind.Retry, true), (refused.Kind, refused.ConnectionLost));
            Assert.Contains($"127.0.0.1:{server.Port} could not be secured with TLS", refused.Reply);
            Assert.Contains("Delivery:Servers:0:AcceptInvalidCertificate = true", refused.Reply);
        }

        var message = Newsletters.Outgoing("ana@example.org");
        await using (var pool = Pool(server, o => { Secure(o); o.AcceptInvalidCertificate = true; }))
            Assert.Equal(OutcomeKind.Sent, (await pool.SendAsync(message, CancellationToken.None)).Kind);

        var (data, envelope) = Assert.Single(server.Received());
        Assert.True(envelope.GetProperty("tls").GetBoolean());
        Assert.Equal(("news", "PLAIN"), (envelope.GetProperty("user").GetString(), envelope.GetProperty("mechanism").GetString()));
        Assert.Equal(Newsletters.Written(message.Message), data);
    }

    [Theory]
    [InlineData("PLAIN")]
    [InlineData("LOGIN")]
    public async Task Signs_in_with_the_mechanism_the_settings_name(string mechanism)
    {
        await using var server = await AiosmtpdServer.StartAsync("--auth-required", "news:pässwörd");
        await using (var pool = Pool(server, o => { o.User = "news"; o.Password = "pässwörd"; o.AuthMechanism = mechanism.ToLowerInvariant(); }))
            Assert.Equal(OutcomeKind.Sent, (await pool.SendAsync(Newsletters.Outgoing("ana@example.org"), CancellationToken.None)).Kind);

        var envelope = Assert.Single(server.Received()).Envelope;
        Assert.Equal(("news", mechanism), (envelope.GetProperty("user").GetString(), envelope.GetProperty("mechanism").GetString()));
    }

    [Fact]
    public async Task A_refused_password_is_a_sentence_naming_the_server_and_the_user_and_password_settings()
    {
        await using var server = await AiosmtpdServer.StartAsync("--auth-required", "news:s3cret");
        var options = Server(server, o => { o.User = "news"; o.Password = "wrong"; o.AuthMechanism = "PLAIN"; });

        using (var connector = new SmtpConnector(options, 0, 10_000))
        {
            var e = await Assert.ThrowsAsync<SmtpSetupException>(() => connector.ConnectAsync(CancellationToken.None));
            Assert.StartsWith($"The mail server 127.0.0.1:{server.Port} refused to sign in news (", e.Message);
            Assert.EndsWith("Check Delivery:Servers:0:User, Delivery:Servers:0:Password.", e.Message);
            Assert.Contains("535", e.Message);
        }

        // Through the pool the sentence pauses the mailing rather than failing each reader.
        await using var pool = new SmtpPoolTransport([options], 10_000);
        var result = await pool.SendAsync(Newsletters.Outgoing("ana@example.org"), CancellationToken.None);
        Assert.Equal((OutcomeKind.Retry, true), (result.Kind, result.ConnectionLost));
        Assert.Contains("Delivery:Servers:0:Password", result.Reply);
        Assert.Empty(server.Received());
    }

    [Fact]
    public async Task Xoauth2_signs_in_with_the_token_file_and_a_refused_token_names_that_setting()
    {
        await using var server = await AiosmtpdServer.StartAsync("--auth-required", "news:unused", "--oauth", "news@cecop.example:ya29.good-token");
        var tokenFile = Path.Combine(server.Folder, "token.txt");
        await File.WriteAllTextAsync(tokenFile, "ya29.good-token\n");
        var options = Server(server, o => { o.User = "news@cecop.example"; o.AuthMechanism = "XOAUTH2"; o.OAuthTokenFile = tokenFile; });

        await using (var pool = new SmtpPoolTransport([options], 10_000))
            Assert.Equal(OutcomeKind.Sent, (await pool.SendAsync(Newsletters.Outgoing("ana@example.org"), CancellationToken.None)).Kind);
        var envelope = Assert.Single(server.Received()).Envelope;
        Assert.Equal(("news@cecop.example", "XOAUTH2"), (envelope.GetProperty("user").GetString(), envelope.GetProperty("mechanism").GetString()));

        // The file is read at each new connection: an expired token is refused at the next one.
        await File.WriteAllTextAsync(tokenFile, "ya29.expired-token");
        using var connector = new SmtpConnector(options, 0, 10_000);
        var e = await Assert.ThrowsAsync<SmtpSetupException>(() => connector.ConnectAsync(CancellationToken.None));
        Assert.Contains("refused to sign in news@cecop.example", e.Message);
        Assert.EndsWith("and the token in Delivery:Servers:0:OAuthTokenFile.", e.Message);
    }

    [Fact]
    public async Task A_mechanism_the_server_does_not_offer_is_named_with_those_it_does()
    {
        await using var server = await AiosmtpdServer.StartAsync("--auth-required", "news:s3cret");
        using var connector = new SmtpConnector(Server(server, o => { o.User = "news"; o.Password = "s3cret"; o.AuthMechanism = "SCRAM-SHA-256"; }), 0, 10_000);
        var e = await Assert.ThrowsAsync<SmtpSetupException>(() => connector.ConnectAsync(CancellationToken.None));
        Assert.Equal($"The mail server 127.0.0.1:{server.Port} does not offer SCRAM-SHA-256 sign-in (it offers LOGIN, PLAIN). Change Delivery:Servers:0:AuthMechanism.", e.Message);
    }

    [Fact]
    public async Task A_server_that_wants_a_sign_in_at_mail_from_gets_a_sentence_saying_to_set_user_and_password()
    {
        await using var server = await AiosmtpdServer.StartAsync("--auth-required", "news:s3cret");
        await using var pool = Pool(server);
        var message = Newsletters.Outgoing("ana@example.org");

        var result = await pool.SendAsync(message, CancellationToken.None);

        Assert.Equal((OutcomeKind.Failed, "530 5.7.0"), (result.Kind, result.Code));
        Assert.StartsWith($"The mail server 127.0.0.1:{server.Port} refused the sender <{message.Sender.Address}> (530 ", result.Reply);
        Assert.EndsWith("It asks to sign in first: set Delivery:Servers:0:User and Delivery:Servers:0:Password.", result.Reply);
        Assert.Empty(server.Received());
    }

    [Fact]
    public async Task A_refused_sender_fails_with_a_sentence_naming_the_server_and_the_connection_serves_the_next()
    {
        var refusedSender = Newsletters.Bounces.For(5, 31);
        await using var server = await AiosmtpdServer.StartAsync("--refuse-sender", refusedSender);
        await using var pool = Pool(server);

        var result = await pool.SendAsync(Newsletters.Outgoing("ana@example.org"), CancellationToken.None);

        Assert.Equal((OutcomeKind.Failed, "553 5.7.1", false), (result.Kind, result.Code, result.ConnectionLost));
        Assert.StartsWith($"The mail server 127.0.0.1:{server.Port} refused the sender <{refusedSender}> (553 5.7.1 <{refusedSender}>: Sender address rejected: not owned by user). ", result.Reply);
        Assert.EndsWith("Check Delivery:BounceDomain and what the relay lets this machine send as.", result.Reply);

        var other = Newsletters.Outgoing("ben@example.org");
        other = other with { Sender = new MimeKit.MailboxAddress(null, Newsletters.Bounces.For(5, 32)) };
        Assert.Equal(OutcomeKind.Sent, (await pool.SendAsync(other, CancellationToken.None)).Kind);
        Assert.Equal(1, pool.ConnectionsOpened);
    }

    [Fact]
    public async Task A_recipient_refused_at_rcpt_bounces_with_the_servers_reply_and_enhanced_code_and_the_connection_is_kept()
    {
        await using var server = await AiosmtpdServer.StartAsync("--refuse", "gone@example.org");
        await using var pool = Pool(server);

        var result = await pool.SendAsync(Newsletters.Outgoing("gone@example.org"), CancellationToken.None);

        Assert.Equal((OutcomeKind.Bounced, "550 5.1.1", false), (result.Kind, result.Code, result.ConnectionLost));
        Assert.Equal("550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown in virtual mailbox table", result.Reply);
        var next = Newsletters.Outgoing("ana@example.org");
        Assert.Equal(OutcomeKind.Sent, (await pool.SendAsync(next, CancellationToken.None)).Kind);
        Assert.Equal(1, pool.ConnectionsOpened);
        var (data, envelope) = Assert.Single(server.Received());
        Assert.Equal(Newsletters.Written(next.Message), data);
        Assert.Equal(1, envelope.GetProperty("connection").GetInt32());
    }

    [Fact]
    public async Task A_temporary_refusal_after_data_is_retried_later_on_the_same_connection()
    {
        await using var server = await AiosmtpdServer.StartAsync("--tempfail", "busy@example.org");
        await using var pool = Pool(server);

        var result = await pool.SendAsync(Newsletters.Outgoing("busy@example.org"), CancellationToken.None);

        Assert.Equal((OutcomeKind.Retry, "451 4.3.0", false), (result.Kind, result.Code, result.ConnectionLost));
        Assert.StartsWith("451 ", result.Reply);
        Assert.Contains("Temporary failure, try again later", result.Reply);
        Assert.Equal(OutcomeKind.Sent, (await pool.SendAsync(Newsletters.Outgoing("ana@example.org"), CancellationToken.None)).Kind);
        Assert.Equal(1, pool.ConnectionsOpened);
        Assert.Equal(["ana@example.org"], server.Received().Select(r => r.Envelope.GetProperty("rcpt_tos")[0].GetString()));
    }

    [Fact]
    public async Task A_dropped_connection_is_retried_and_the_next_message_opens_a_new_one()
    {
        await using var server = await AiosmtpdServer.StartAsync("--drop", "cut@example.org");
        await using var pool = Pool(server);

        var result = await pool.SendAsync(Newsletters.Outgoing("cut@example.org"), CancellationToken.None);

        Assert.Equal((OutcomeKind.Retry, true), (result.Kind, result.ConnectionLost));
        Assert.StartsWith($"127.0.0.1:{server.Port}: ", result.Reply);
        var next = Newsletters.Outgoing("ana@example.org");
        Assert.Equal(OutcomeKind.Sent, (await pool.SendAsync(next, CancellationToken.None)).Kind);
        Assert.Equal(2, pool.ConnectionsOpened);
        var (data, envelope) = Assert.Single(server.Received());
        Assert.Equal(Newsletters.Written(next.Message), data);
        Assert.Equal(2, envelope.GetProperty("connection").GetInt32());
    }

    [Fact]
    public async Task The_protocol_log_shows_the_conversation_with_our_ehlo_name_and_never_the_password()
    {
        const string password = "Very-s3cret-pässword";
        await using var server = await AiosmtpdServer.StartAsync("--auth-required", "news:" + password);
        var log = Path.Combine(server.Folder, "logs", "smtp.log");
        var message = Newsletters.Outgoing("ana@example.org");

        await using (var pool = Pool(server, o => { o.User = "news"; o.Password = password; o.AuthMechanism = "PLAIN"; o.ProtocolLog = log; }))
            Assert.Equal(OutcomeKind.Sent, (await pool.SendAsync(message, CancellationToken.None)).Kind);

        var text = await File.ReadAllTextAsync(log);
        Assert.Contains("#1 C: EHLO news.cecop.example\r\n", text);
        Assert.Contains("#1 C: AUTH PLAIN ", text);
        Assert.Contains("#1 S: 235 2.7.0 Authentication successful", text);
        Assert.Contains($"#1 C: RCPT TO:<ana@example.org>", text);
        foreach (var secret in Secrets(password))
            Assert.DoesNotContain(secret, text);
        // The message itself is in the log (the setting warns that the file is large).
        Assert.Contains(message.Message.MessageId!, text);
    }

    /// <summary>The password in every form a careless log could hold it: as is, and base64 in PLAIN and LOGIN.</summary>
    private static IEnumerable<string> Secrets(string password)
    {
        yield return password;
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(password));
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes("\0news\0" + password));
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes("news\0news\0" + password));
    }
}
