using System.Text;
using CecopComms.Mail.Imap;
using CecopComms.Mail.Smtp;
using CecopComms.Mail.Tests.Smtp;

namespace CecopComms.Mail.Tests.Imap;

/// <summary>Recorded IMAP conversations replayed through the stream seam; the client's bytes must match exactly.</summary>
public class ImapTranscriptTests
{
    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(3)] // replies cut every 3 bytes: lines and the literal arrive in pieces
    public async Task Login_select_search_fetch_store_expunge_logout(int maxRead)
    {
        var replay = ReplayStream.Load("imap-login", maxRead);
        using var client = new ImapClient();
        await client.ConnectAsync(replay, "imap.example.test", 143, SecureSocketOptions.None);
        Assert.Equal(ImapCapabilities.IMAP4rev1 | ImapCapabilities.Idle, client.Capabilities);
        await client.AuthenticateAsync("bounces", "p\"a\\ss");
        Assert.Equal(ImapCapabilities.IMAP4rev1 | ImapCapabilities.Idle | ImapCapabilities.UidPlus, client.Capabilities);

        var inbox = client.Inbox;
        Assert.Equal(FolderAccess.ReadWrite, await inbox.OpenAsync(FolderAccess.ReadWrite));
        Assert.Equal(2, inbox.Count);
        Assert.Equal(1795310258u, inbox.UidValidity);

        var uids = await inbox.SearchAsync(SearchQuery.All);
        Assert.Equal([5u, 7u], uids.Select(u => u.Id));
        Assert.All(uids, u => Assert.Equal(1795310258u, u.Validity));

        await using var message = await inbox.GetStreamAsync(uids[0]);
        Assert.Equal("Subject: a {3}\r\n\r\nbody ) (\r\n", Encoding.ASCII.GetString(((MemoryStream)message).ToArray()));
        Assert.Equal(3, inbox.Count);

        await inbox.AddFlagsAsync(uids[0], MessageFlags.Deleted, silent: true);
        await inbox.ExpungeAsync();
        Assert.Equal(2, inbox.Count);
        await client.DisconnectAsync(true);
        Assert.False(client.IsConnected);
        Assert.False(inbox.IsOpen);
        replay.AssertComplete();
    }

    [Fact]
    public async Task Authenticate_plain_with_initial_response_then_capability()
    {
        var (client, replay) = await ConnectAsync("imap-sasl-ir");
        Assert.Equal(["LOGIN", "PLAIN"], client.AuthenticationMechanisms.Order());
        await client.AuthenticateAsync("bounces", "s3cret");
        Assert.True(client.IsAuthenticated);
        Assert.Equal(ImapCapabilities.IMAP4rev1 | ImapCapabilities.UidPlus | ImapCapabilities.Move, client.Capabilities);
        replay.AssertComplete();
    }

    [Fact]
    public async Task Authenticate_plain_after_continuation_refused_with_no()
    {
        var (client, replay) = await ConnectAsync("imap-sasl-continuation");
        var e = await Assert.ThrowsAsync<AuthenticationException>(() => client.AuthenticateAsync("bounces", "s3cret"));
        Assert.Contains("[AUTHENTICATIONFAILED]", e.Message);
        Assert.False(client.IsAuthenticated);
        await client.NoOpAsync();
        replay.AssertComplete();
    }

    [Fact]
    public async Task A_password_that_cannot_be_quoted_is_a_synchronising_literal()
    {
        var (client, replay) = await ConnectAsync("imap-login-literal");
        await client.AuthenticateAsync("bounces", "pässword");
        Assert.True(client.IsAuthenticated);
        replay.AssertComplete();
    }

    [Fact]
    public async Task With_literal_plus_the_literal_goes_in_the_same_write()
    {
        var (client, replay) = await ConnectAsync("imap-literal-plus");
        await client.AuthenticateAsync("bounces", "pässword");
        Assert.True(client.IsAuthenticated);
        replay.AssertComplete();
    }

    [Fact]
    public async Task No_and_bad_are_command_exceptions_and_the_connection_stays()
    {
        var (client, replay) = await ConnectAsync("imap-refused");
        await client.AuthenticateAsync("bounces", "s3cret");
        var no = await Assert.ThrowsAsync<ImapCommandException>(() => client.Inbox.OpenAsync(FolderAccess.ReadWrite));
        Assert.Equal(ImapCommandResponse.No, no.Response);
        Assert.StartsWith("[NONEXISTENT]", no.ResponseText);
        Assert.False(client.Inbox.IsOpen);
        var bad = await Assert.ThrowsAsync<ImapCommandException>(() => client.NoOpAsync());
        Assert.Equal(ImapCommandResponse.Bad, bad.Response);
        await client.NoOpAsync();
        replay.AssertComplete();
    }

    [Fact]
    public async Task Bye_in_the_middle_of_a_command_disconnects_with_a_protocol_error()
    {
        var (client, replay) = await ConnectAsync("imap-bye");
        await client.AuthenticateAsync("bounces", "s3cret");
        var e = await Assert.ThrowsAsync<ImapProtocolException>(() => client.Inbox.OpenAsync(FolderAccess.ReadWrite));
        Assert.Contains("Server shutting down.", e.Message);
        Assert.False(client.IsConnected);
        await Assert.ThrowsAsync<ServiceNotConnectedException>(() => client.NoOpAsync());
        replay.AssertComplete();
    }

    [Fact]
    public async Task A_list_that_never_closes_is_a_protocol_error()
    {
        var (client, replay) = await ConnectAsync("imap-malformed-fetch");
        await client.AuthenticateAsync("bounces", "s3cret");
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var e = await Assert.ThrowsAsync<ImapProtocolException>(() => client.Inbox.GetStreamAsync(new UniqueId(1)));
        Assert.Contains("ends where a value was expected", e.Message);
        Assert.False(client.IsConnected);
        replay.AssertComplete();
    }

    [Fact]
    public async Task Starttls_offered_is_requested_and_tls_begins()
    {
        var replay = ReplayStream.Load("imap-starttls");
        using var client = new ImapClient { Timeout = 5000 };
        await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(replay, "imap.example.test", 143, SecureSocketOptions.StartTls));
        replay.AssertComplete();
        var hello = replay.WrittenAfterEnd.ToArray();
        Assert.True(hello.Length > 5 && hello[0] == 0x16, "a TLS handshake record follows STARTTLS");
    }

    [Fact]
    public async Task StartTls_without_starttls_is_refused_and_login_is_disabled_anyway()
    {
        var replay = ReplayStream.Load("imap-starttls-missing");
        using var client = new ImapClient();
        await Assert.ThrowsAsync<NotSupportedException>(() => client.ConnectAsync(replay, "imap.example.test", 143, SecureSocketOptions.StartTls));
        Assert.False(client.IsConnected);

        using var plain = new ImapClient();
        await plain.ConnectAsync(ReplayStream.Load("imap-starttls-missing"), "imap.example.test", 143, SecureSocketOptions.None);
        await Assert.ThrowsAsync<NotSupportedException>(() => plain.AuthenticateAsync("bounces", "s3cret"));
    }

    [Fact]
    public async Task A_server_that_is_not_imap_is_a_protocol_error()
    {
        using var client = new ImapClient();
        await Assert.ThrowsAsync<ImapProtocolException>(() => client.ConnectAsync(ReplayStream.Load("imap-garbage"), "imap.example.test", 143, SecureSocketOptions.None));
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Protocol_log_hides_credentials_but_not_the_tag()
    {
        var log = new MemoryStream();
        using var client = new ImapClient(new ProtocolLogger(log, leaveOpen: true));
        await client.ConnectAsync(ReplayStream.Load("imap-login"), "imap.example.test", 143, SecureSocketOptions.None);
        await client.AuthenticateAsync("bounces", "p\"a\\ss");
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var text = Encoding.UTF8.GetString(log.ToArray());
        Assert.Contains("C: A00000000 LOGIN ********\r\n", text);
        Assert.DoesNotContain("p\\\"a", text);
        Assert.Contains("C: A00000001 SELECT \"INBOX\"\r\n", text);
    }

    private static async Task<(ImapClient Client, ReplayStream Replay)> ConnectAsync(string name)
    {
        var replay = ReplayStream.Load(name);
        var client = new ImapClient();
        await client.ConnectAsync(replay, "imap.example.test", 143, SecureSocketOptions.None);
        return (client, replay);
    }
}
