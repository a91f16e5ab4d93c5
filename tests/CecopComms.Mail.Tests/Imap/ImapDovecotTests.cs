using System.Text;
using CecopComms.Mail.Imap;
using CecopComms.Mail.Smtp;
using CecopComms.Mail.Tests.Peers;

namespace CecopComms.Mail.Tests.Imap;

/// <summary>The IMAP client against a real Dovecot, over TLS on connect and over STARTTLS.</summary>
public class ImapDovecotTests
{
    private static readonly byte[] First = Encoding.ASCII.GetBytes(
        "From: mailer-daemon@mx.example.net\r\nSubject: Undelivered (with \"quotes\") {5}\r\n\r\nA body with a {12} brace and ) paren\r\n.\r\n");
    private static readonly byte[] Second = Encoding.UTF8.GetBytes("Subject: second\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nCoopérative\r\n");

    [Theory]
    [InlineData(SecureSocketOptions.SslOnConnect)]
    [InlineData(SecureSocketOptions.StartTls)]
    public async Task Counts_fetches_exact_bytes_deletes_and_the_deletion_holds_after_reconnecting(SecureSocketOptions security)
    {
        await using var dovecot = await DovecotServer.StartAsync();
        dovecot.Deliver(First);
        dovecot.Deliver(Second);
        try
        {
            using (var client = await ConnectAsync(dovecot, security))
            {
                Assert.True(client.IsSecure);
                Assert.True((client.Capabilities & ImapCapabilities.IMAP4rev1) != 0);
                var inbox = client.Inbox;
                Assert.Equal(FolderAccess.ReadWrite, await inbox.OpenAsync(FolderAccess.ReadWrite));
                Assert.Equal(2, inbox.Count);
                Assert.NotEqual(0u, inbox.UidValidity);

                var uids = await inbox.SearchAsync(SearchQuery.All);
                Assert.Equal(2, uids.Count);
                var fetched = new List<byte[]>();
                foreach (var uid in uids)
                {
                    await using var stream = await inbox.GetStreamAsync(uid);
                    fetched.Add(((MemoryStream)stream).ToArray());
                }
                Assert.Equal(First, fetched[0]);
                Assert.Equal(Second, fetched[1]);
                Assert.Equal("second", (await inbox.GetMessageAsync(uids[1])).Subject);

                await inbox.AddFlagsAsync(uids[0], MessageFlags.Deleted, silent: true);
                await inbox.ExpungeAsync();
                Assert.Equal(1, inbox.Count);
                await Assert.ThrowsAsync<MessageNotFoundException>(() => inbox.GetStreamAsync(uids[0]));
                await client.DisconnectAsync(true);
                Assert.False(client.IsConnected);
            }

            using (var again = await ConnectAsync(dovecot, security))
            {
                await again.Inbox.OpenAsync(FolderAccess.ReadWrite);
                Assert.Equal(1, again.Inbox.Count);
                var left = await again.Inbox.SearchAsync(SearchQuery.All);
                Assert.Equal(Second, ((MemoryStream)await again.Inbox.GetStreamAsync(left.Single())).ToArray());
                Assert.Equal(1, dovecot.MessageFiles());
            }
        }
        catch
        {
            Console.Error.WriteLine(dovecot.Log());
            throw;
        }
    }

    [Fact]
    public async Task Login_with_quoted_strings_works_when_plain_is_not_used()
    {
        // Dovecot offers AUTH=PLAIN, so LOGIN is reached by forgetting the mechanisms: the quoting of the password
        // (a space and double quotes) is then checked by a real server.
        await using var dovecot = await DovecotServer.StartAsync();
        using var client = new ImapClient { ServerCertificateValidationCallback = dovecot.ValidateCertificate, Timeout = 20_000 };
        await client.ConnectAsync("127.0.0.1", dovecot.ImapsPort, SecureSocketOptions.SslOnConnect);
        client.AuthenticationMechanisms.Clear();
        await client.AuthenticateAsync(DovecotServer.User, DovecotServer.Password);
        Assert.True(client.IsAuthenticated);
        await client.NoOpAsync();
    }

    [Fact]
    public async Task Wrong_password_is_refused_and_the_connection_stays_usable()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        using var client = new ImapClient { ServerCertificateValidationCallback = dovecot.ValidateCertificate, Timeout = 20_000 };
        await client.ConnectAsync("127.0.0.1", dovecot.ImapsPort, SecureSocketOptions.SslOnConnect);
        await Assert.ThrowsAsync<AuthenticationException>(() => client.AuthenticateAsync(DovecotServer.User, "wrong"));
        await client.AuthenticateAsync(DovecotServer.User, DovecotServer.Password);
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        Assert.Equal(0, client.Inbox.Count);
        Assert.Empty(await client.Inbox.SearchAsync(SearchQuery.All));
    }

    private static async Task<ImapClient> ConnectAsync(DovecotServer dovecot, SecureSocketOptions security)
    {
        var client = new ImapClient { ServerCertificateValidationCallback = dovecot.ValidateCertificate, Timeout = 20_000 };
        await client.ConnectAsync("127.0.0.1", security == SecureSocketOptions.SslOnConnect ? dovecot.ImapsPort : dovecot.ImapPort, security);
        await client.AuthenticateAsync(DovecotServer.User, DovecotServer.Password);
        return client;
    }
}
