using System.Text;
using CecopComms.Mail.Pop3;
using CecopComms.Mail.Smtp;
using CecopComms.Mail.Tests.Smtp;

namespace CecopComms.Mail.Tests.Pop3;

/// <summary>Recorded POP3 conversations replayed through the stream seam; the client's bytes must match exactly.</summary>
public class Pop3TranscriptTests
{
    [Fact]
    public async Task User_pass_uidl_retr_unstuffs_dots_and_quit_commits()
    {
        var (client, replay) = await ConnectAsync("pop3-user-pass");
        Assert.Equal(Pop3Capabilities.Top | Pop3Capabilities.User | Pop3Capabilities.UIDL, client.Capabilities);
        await client.AuthenticateAsync("bounces", "s3cret");
        Assert.Equal(2, client.Count);
        Assert.Equal(["whqtswO00WBw418f9t5JxYwZ", "QhdPYR:00WBw1Ph7x7"], await client.GetMessageUidsAsync());

        await using var message = await client.GetStreamAsync(0);
        Assert.Equal("From: mailer-daemon@mx.example.net\r\nSubject: dots\r\n\r\n.leading dot\r\n..\r\n.\r\nlast\r\n",
            Encoding.ASCII.GetString(((MemoryStream)message).ToArray()));
        Assert.Equal(0, message.Position);

        await client.DeleteMessageAsync(0);
        await client.DisconnectAsync(true);
        Assert.False(client.IsConnected);
        Assert.True(replay.IsDisposed);
        replay.AssertComplete();
    }

    [Fact]
    public async Task Sasl_plain_is_used_when_announced()
    {
        var (client, replay) = await ConnectAsync("pop3-sasl-plain");
        Assert.Equal(["LOGIN", "PLAIN"], client.AuthenticationMechanisms.Order());
        await client.AuthenticateAsync("bounces", "s3cret");
        Assert.True(client.IsAuthenticated);
        Assert.Equal(0, client.Count);
        await client.NoOpAsync();
        replay.AssertComplete();
    }

    [Fact]
    public async Task Refusals_keep_the_connection_usable()
    {
        var (client, replay) = await ConnectAsync("pop3-auth-refused");
        Assert.Equal(Pop3Capabilities.None, client.Capabilities);
        var e = await Assert.ThrowsAsync<AuthenticationException>(() => client.AuthenticateAsync("bounces", "wrong"));
        Assert.Contains("[AUTH] Authentication failed.", e.Message);
        Assert.True(client.IsConnected);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetMessageCountAsync());

        await client.AuthenticateAsync("bounces", "s3cret");
        Assert.Equal(1, client.Count);
        var refused = await Assert.ThrowsAsync<Pop3CommandException>(() => client.GetStreamAsync(8));
        Assert.Equal("There's no message 9.", refused.StatusText);
        await client.NoOpAsync();
        replay.AssertComplete();
    }

    [Fact]
    public async Task Stls_offered_is_requested_and_tls_begins()
    {
        var replay = ReplayStream.Load("pop3-stls");
        using var client = new Pop3Client { Timeout = 5000 };
        await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(replay, "pop.example.test", 110, SecureSocketOptions.StartTls));
        replay.AssertComplete();
        var hello = replay.WrittenAfterEnd.ToArray();
        Assert.True(hello.Length > 5 && hello[0] == 0x16, "a TLS handshake record follows STLS");
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task StartTls_without_stls_is_refused_before_any_credentials()
    {
        var replay = ReplayStream.Load("pop3-stls-missing");
        using var client = new Pop3Client();
        await Assert.ThrowsAsync<NotSupportedException>(() => client.ConnectAsync(replay, "pop.example.test", 110, SecureSocketOptions.StartTls));
        Assert.False(client.IsConnected);
        replay.AssertComplete();
    }

    [Fact]
    public async Task Auto_on_port_995_starts_with_tls()
    {
        var replay = new ReplayStream("");
        using var client = new Pop3Client { Timeout = 5000 };
        await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(replay, "pop.example.test", 995));
        Assert.Equal(0x16, replay.WrittenAfterEnd.ToArray().FirstOrDefault());
    }

    [Fact]
    public async Task A_stream_that_ends_mid_message_disconnects_with_a_protocol_error()
    {
        var (client, replay) = await ConnectAsync("pop3-closed-midway");
        await client.AuthenticateAsync("bounces", "s3cret");
        await Assert.ThrowsAsync<Pop3ProtocolException>(() => client.GetStreamAsync(0));
        Assert.False(client.IsConnected);
        await Assert.ThrowsAsync<ServiceNotConnectedException>(() => client.NoOpAsync());
        replay.AssertComplete();
    }

    [Fact]
    public async Task A_server_that_is_not_pop3_is_a_protocol_error()
    {
        var replay = ReplayStream.Load("pop3-garbage");
        using var client = new Pop3Client();
        var e = await Assert.ThrowsAsync<Pop3ProtocolException>(() => client.ConnectAsync(replay, "pop.example.test", 110, SecureSocketOptions.None));
        Assert.Contains("220 mx.example.test ESMTP", e.Message);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Err_to_quit_says_the_deletions_did_not_happen()
    {
        var (client, replay) = await ConnectAsync("pop3-quit-refused");
        await client.AuthenticateAsync("bounces", "s3cret");
        await client.DeleteMessageAsync(0);
        var e = await Assert.ThrowsAsync<Pop3CommandException>(() => client.DisconnectAsync(true));
        Assert.Contains("could not remove", e.Message);
        Assert.False(client.IsConnected);
        replay.AssertComplete();
    }

    [Fact]
    public async Task Protocol_log_hides_the_password_and_the_sasl_response()
    {
        foreach (var (transcript, secrets) in new[] { ("pop3-user-pass", new[] { "s3cret" }), ("pop3-sasl-plain", new[] { "AGJvdW5jZXMAczNjcmV0" }) })
        {
            var log = new MemoryStream();
            using var client = new Pop3Client(new ProtocolLogger(log, leaveOpen: true));
            await client.ConnectAsync(ReplayStream.Load(transcript), "pop.example.test", 110, SecureSocketOptions.None);
            await client.AuthenticateAsync("bounces", "s3cret");
            var text = Encoding.UTF8.GetString(log.ToArray());
            Assert.StartsWith("Connected to pop://pop.example.test:110/\r\n", text);
            foreach (var secret in secrets) Assert.DoesNotContain(secret, text);
            Assert.Contains(transcript == "pop3-sasl-plain" ? "C: AUTH PLAIN ********\r\n" : "C: ********\r\n", text);
            Assert.Contains("C: STAT\r\n", text);
        }
    }

    private static async Task<(Pop3Client Client, ReplayStream Replay)> ConnectAsync(string name)
    {
        var replay = ReplayStream.Load(name);
        var client = new Pop3Client();
        await client.ConnectAsync(replay, "pop.example.test", 110, SecureSocketOptions.None);
        return (client, replay);
    }
}
