using System.Text;
using CecopComms.Mail.Smtp;

namespace CecopComms.Mail.Tests.Smtp;

/// <summary>Recorded conversations replayed through the stream seam; the client's bytes must match exactly.</summary>
public class TranscriptTests
{
    private const string Body = "Subject: hello\r\n\r\nBody line.\r\n";
    private static readonly SmtpEnvelope TwoRecipients = new("news@example.coop", ["ana@example.org", "ben@example.net"]);
    private static readonly SmtpEnvelope OneRecipient = new("news@example.coop", ["ana@example.org"]);

    [Fact]
    public async Task Pipelining_sends_mail_and_every_rcpt_in_one_write_and_returns_the_final_reply()
    {
        var (client, replay) = await ReplayStream.ConnectAsync("pipelining");

        Assert.Equal(SmtpCapabilities.Pipelining | SmtpCapabilities.EightBitMime | SmtpCapabilities.EnhancedStatusCodes
            | SmtpCapabilities.Size | SmtpCapabilities.Authentication | SmtpCapabilities.Dsn, client.Capabilities);
        Assert.Equal(10240000u, client.MaxSize);
        Assert.Equal(["LOGIN", "PLAIN"], client.AuthenticationMechanisms.Order());

        var reply = await SendAsync(client, TwoRecipients, Body);
        await client.DisconnectAsync(true);

        Assert.Equal("2.0.0 Ok: queued as 4AbC12", reply);
        Assert.False(client.IsConnected);
        Assert.True(replay.IsDisposed);
        replay.AssertComplete();
    }

    [Fact]
    public async Task Ehlo_refused_falls_back_to_helo_and_sends_one_command_at_a_time()
    {
        var (client, replay) = await ReplayStream.ConnectAsync("helo_fallback");
        Assert.Equal(SmtpCapabilities.None, client.Capabilities);

        Assert.Equal("Accepted", await SendAsync(client, TwoRecipients, Body));
        replay.AssertComplete();
    }

    [Fact]
    public async Task Auth_plain_is_preferred()
    {
        var (client, replay) = await ReplayStream.ConnectAsync("auth_plain");
        await client.AuthenticateAsync("news", "s3cret!");
        Assert.True(client.IsAuthenticated);
        await client.NoOpAsync();
        replay.AssertComplete();
    }

    [Fact]
    public async Task Auth_login_when_plain_is_not_offered()
    {
        var (client, replay) = await ReplayStream.ConnectAsync("auth_login");
        await client.AuthenticateAsync("news", "s3cret!");
        Assert.True(client.IsAuthenticated);
        replay.AssertComplete();
    }

    [Fact]
    public async Task Auth_refused_with_535_throws_AuthenticationException_and_stays_connected()
    {
        var (client, replay) = await ReplayStream.ConnectAsync("auth_refused");
        var e = await Assert.ThrowsAsync<AuthenticationException>(() => client.AuthenticateAsync("news", "wrong"));
        Assert.Contains("535 5.7.8", e.Message);
        Assert.False(client.IsAuthenticated);
        await client.NoOpAsync();
        replay.AssertComplete();
    }

    [Theory]
    [InlineData("auth_plain")]
    [InlineData("auth_login")]
    public async Task Protocol_log_hides_auth_secrets(string transcript)
    {
        var log = new MemoryStream();
        var replay = ReplayStream.Load(transcript);
        using var client = new SmtpClient(new ProtocolLogger(log, leaveOpen: true)) { LocalDomain = "client.test" };
        await client.ConnectAsync(replay, "mx.example.test", 25, SecureSocketOptions.None);
        await client.AuthenticateAsync("news", "s3cret!");
        if (transcript == "auth_plain") await client.NoOpAsync();

        var text = Encoding.UTF8.GetString(log.ToArray());
        Assert.StartsWith("Connected to smtp://mx.example.test:25/\r\nS: 220 mx.example.test ESMTP\r\nC: EHLO client.test\r\n", text);
        foreach (var secret in (string[])["AG5ld3MAczNjcmV0IQ==", "bmV3cw==", "czNjcmV0IQ=="]) Assert.DoesNotContain(secret, text);
        Assert.Contains(transcript == "auth_plain" ? "C: AUTH PLAIN ********\r\n" : "C: AUTH LOGIN\r\nS: 334 VXNlcm5hbWU6\r\nC: ********\r\n", text);
        Assert.Contains("S: 235 2.7.0 Authentication successful\r\n", text);
        if (transcript == "auth_plain") Assert.EndsWith("C: NOOP\r\nS: 250 2.0.0 Ok\r\n", text);
    }

    [Fact]
    public async Task Protocol_log_to_a_file_is_closed_with_the_client()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var client = new SmtpClient(new ProtocolLogger(path, append: false)) { LocalDomain = "client.test" })
            {
                await client.ConnectAsync(ReplayStream.Load("auth_refused"), "mx.example.test", 25, SecureSocketOptions.None);
            }

            Assert.Equal(
                "Connected to smtp://mx.example.test:25/\r\nS: 220 mx.example.test ESMTP\r\nC: EHLO client.test\r\nS: 250-mx.example.test\r\nS: 250 AUTH PLAIN\r\n",
                await File.ReadAllTextAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Starttls_offered_is_requested_and_tls_begins()
    {
        var replay = ReplayStream.Load("starttls");
        using var client = new SmtpClient { LocalDomain = "client.test", Timeout = 5000 };

        await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(replay, "mx.example.test", 587, SecureSocketOptions.StartTls));

        replay.AssertComplete();
        var hello = replay.WrittenAfterEnd.ToArray();
        Assert.True(hello.Length > 5 && hello[0] == 0x16, "a TLS handshake record follows STARTTLS");
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Auto_on_port_465_starts_with_tls()
    {
        var replay = new ReplayStream("");
        using var client = new SmtpClient { LocalDomain = "client.test", Timeout = 5000 };

        await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(replay, "mx.example.test", 465));

        Assert.Equal(0x16, replay.WrittenAfterEnd.ToArray().FirstOrDefault());
    }

    [Fact]
    public async Task Auto_on_port_25_goes_on_in_clear_text_when_starttls_is_not_offered()
    {
        var replay = ReplayStream.Load("starttls_missing");
        using var client = new SmtpClient { LocalDomain = "client.test" };

        await client.ConnectAsync(replay, "mx.example.test", 25);

        Assert.True(client.IsConnected);
        Assert.False(client.IsSecure);
        replay.AssertComplete();
    }

    [Fact]
    public async Task Starttls_required_but_not_offered_is_a_clear_error()
    {
        var replay = ReplayStream.Load("starttls_missing");
        using var client = new SmtpClient { LocalDomain = "client.test" };

        var e = await Assert.ThrowsAsync<NotSupportedException>(() => client.ConnectAsync(replay, "mx.example.test", 587, SecureSocketOptions.StartTls));

        Assert.Contains("does not offer STARTTLS", e.Message);
        Assert.False(client.IsConnected);
        Assert.True(replay.IsDisposed);
        replay.AssertComplete();
    }

    [Fact]
    public async Task Greeting_421_disconnects()
    {
        var replay = ReplayStream.Load("greeting_421");
        using var client = new SmtpClient { LocalDomain = "client.test" };

        var e = await Assert.ThrowsAsync<SmtpCommandException>(() => client.ConnectAsync(replay, "mx.example.test", 25, SecureSocketOptions.None));

        Assert.Equal(SmtpStatusCode.ServiceNotAvailable, e.StatusCode);
        Assert.Equal(SmtpErrorCode.UnexpectedStatusCode, e.ErrorCode);
        Assert.Equal("4.3.2", e.EnhancedStatusCode);
        Assert.False(client.IsConnected);
        replay.AssertComplete();
    }

    [Fact]
    public async Task Refused_recipients_are_all_named_then_rset_keeps_the_connection()
    {
        var (client, replay) = await ReplayStream.ConnectAsync("recipients_refused", maxRead: 7);
        var envelope = new SmtpEnvelope("news@example.coop", ["ana@example.org", "full@example.org", "gone@example.org"]);

        var e = await Assert.ThrowsAsync<SmtpCommandException>(() => SendAsync(client, envelope, Body));

        Assert.Equal(SmtpErrorCode.RecipientNotAccepted, e.ErrorCode);
        Assert.Equal(SmtpStatusCode.InsufficientStorage, e.StatusCode);
        Assert.Equal("4.2.2", e.EnhancedStatusCode);
        Assert.Equal(["full@example.org", "gone@example.org"], e.RefusedRecipients.Select(r => r.Address));
        Assert.Equal(SmtpStatusCode.MailboxUnavailable, e.RefusedRecipients[1].Response.StatusCode);
        Assert.Equal("5.1.1 The email account that you tried to reach does not exist.\n5.1.1 Please try double-checking the recipient's email address.",
            e.RefusedRecipients[1].Response.Response);
        Assert.Contains("refused 2 of 3 recipients: <full@example.org> 452 4.2.2 Mailbox full; <gone@example.org> 550 5.1.1", e.Message);
        Assert.True(client.IsConnected);
        await client.NoOpAsync();
        replay.AssertComplete();
    }

    [Fact]
    public async Task SendToAcceptedRecipients_sends_to_those_accepted()
    {
        var (client, replay) = await ReplayStream.ConnectAsync("recipients_partial");
        client.SendToAcceptedRecipients = true;

        var reply = await SendAsync(client, new SmtpEnvelope("news@example.coop", ["ana@example.org", "gone@example.org"]), Body);

        Assert.Equal("2.0.0 Ok: queued as 77", reply);
        replay.AssertComplete();
    }

    [Fact]
    public async Task Refused_sender_reads_every_pipelined_reply_before_rset()
    {
        var (client, replay) = await ReplayStream.ConnectAsync("sender_refused");

        var e = await Assert.ThrowsAsync<SmtpCommandException>(() => SendAsync(client, OneRecipient, Body));

        Assert.Equal(SmtpErrorCode.SenderNotAccepted, e.ErrorCode);
        Assert.Equal(SmtpStatusCode.MailboxNameNotAllowed, e.StatusCode);
        Assert.Equal("5.7.1", e.EnhancedStatusCode);
        Assert.True(client.IsConnected);
        replay.AssertComplete();
    }

    [Fact]
    public async Task Refused_message_is_followed_by_rset_and_the_next_message_on_the_same_connection()
    {
        var (client, replay) = await ReplayStream.ConnectAsync("data_451_then_next");

        var e = await Assert.ThrowsAsync<SmtpCommandException>(() => SendAsync(client, OneRecipient, Body));
        Assert.Equal(SmtpErrorCode.MessageNotAccepted, e.ErrorCode);
        Assert.Equal(SmtpStatusCode.ErrorInProcessing, e.StatusCode);
        Assert.Equal("4.3.0", e.EnhancedStatusCode);

        Assert.Equal("2.0.0 Ok: queued as 5XyZ", await SendAsync(client, OneRecipient, Body));
        replay.AssertComplete();
    }

    [Fact]
    public async Task Message_is_dot_stuffed_and_line_endings_made_crlf()
    {
        var (client, replay) = await ReplayStream.ConnectAsync("dot_stuffing");

        await SendAsync(client, OneRecipient, "Subject: dots\r\n\r\n.\r\n.leading dot\r\nmiddle . dot\r\n..\nbare lf\rlone cr\r\nno final newline");

        replay.AssertComplete();
    }

    [Fact]
    public async Task Message_larger_than_SIZE_is_refused_before_anything_is_sent()
    {
        var (client, replay) = await ReplayStream.ConnectAsync("size_exceeded");
        Assert.Equal(1000u, client.MaxSize);

        var e = await Assert.ThrowsAsync<SmtpCommandException>(() =>
            SendAsync(client, new SmtpEnvelope("news@example.coop", ["ana@example.org"]) { Size = 5000 }, Body));

        Assert.Equal(SmtpErrorCode.MessageNotAccepted, e.ErrorCode);
        Assert.Equal(SmtpStatusCode.ExceededStorageAllocation, e.StatusCode);
        Assert.Contains("5000 bytes", e.Message);
        await client.NoOpAsync();
        await SendAsync(client, new SmtpEnvelope("news@example.coop", ["ana@example.org"]) { Size = 900 }, Body);
        replay.AssertComplete();
    }

    [Fact]
    public async Task Reply_421_mid_session_disconnects()
    {
        var (client, replay) = await ReplayStream.ConnectAsync("mail_421");

        var e = await Assert.ThrowsAsync<SmtpCommandException>(() => SendAsync(client, OneRecipient, Body));

        Assert.Equal(SmtpStatusCode.ServiceNotAvailable, e.StatusCode);
        Assert.False(client.IsConnected);
        replay.AssertComplete();
    }

    [Fact]
    public async Task Unparseable_reply_is_a_protocol_error_and_disconnects()
    {
        var replay = ReplayStream.Load("garbage_reply");
        using var client = new SmtpClient { LocalDomain = "client.test" };

        var e = await Assert.ThrowsAsync<SmtpProtocolException>(() => client.ConnectAsync(replay, "mx.example.test", 25, SecureSocketOptions.None));

        Assert.Contains("HTTP/1.1 400", e.Message);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Connection_closed_by_the_server_is_a_protocol_error_and_disconnects()
    {
        var (client, replay) = await ReplayStream.ConnectAsync("closed_midway");

        await Assert.ThrowsAsync<SmtpProtocolException>(() => client.NoOpAsync());

        Assert.False(client.IsConnected);
        Assert.True(replay.IsDisposed);
        await Assert.ThrowsAsync<ServiceNotConnectedException>(() => client.NoOpAsync());
    }

    [Fact]
    public async Task Silent_server_times_out_and_disconnects()
    {
        var replay = ReplayStream.Load("timeout");
        using var client = new SmtpClient { LocalDomain = "client.test", Timeout = 200 };

        var e = await Assert.ThrowsAsync<IOException>(() => client.ConnectAsync(replay, "mx.example.test", 25, SecureSocketOptions.None));

        Assert.IsType<TimeoutException>(e.InnerException);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Cancellation_disconnects()
    {
        var replay = ReplayStream.Load("timeout");
        using var client = new SmtpClient { LocalDomain = "client.test" };
        using var cancel = new CancellationTokenSource(100);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ConnectAsync(replay, "mx.example.test", 25, SecureSocketOptions.None, cancel.Token));

        Assert.False(client.IsConnected);
    }

    private static Task<string> SendAsync(SmtpClient client, SmtpEnvelope envelope, string message) =>
        client.SendEnvelopeAsync(envelope, (stream, ct) => stream.WriteAsync(Encoding.UTF8.GetBytes(message), ct).AsTask(), null, CancellationToken.None);
}
