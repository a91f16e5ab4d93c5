using CecopComms.Delivery.Bounces;
using CecopComms.Tests.Peers;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace CecopComms.Tests.Mail.Mailboxes;

/// <summary>
/// MailKit's POP3 and IMAP clients against a real Dovecot, opened and read as <see cref="BounceProcessor"/> reads the
/// bounce mailbox (<see cref="Pop3BounceMailbox"/>, <see cref="ImapBounceMailbox"/>): every sample arrives byte for
/// byte and classifies as it does from its file, and only a committed session removes what was marked. (The
/// recording side is covered by Delivery/Bounces/BounceMailboxTests.)
/// </summary>
public sealed class BounceMailboxClientTests
{
    private static readonly string[] Samples = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples", "Bounces"), "*.eml").Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [InlineData("pop3", SecureSocketOptions.SslOnConnect)]
    [InlineData("pop3", SecureSocketOptions.StartTls)]
    [InlineData("imap", SecureSocketOptions.SslOnConnect)]
    [InlineData("imap", SecureSocketOptions.StartTls)]
    public async Task Every_sample_is_read_byte_for_byte_and_only_a_committed_session_removes_what_it_marked(string protocol, SecureSocketOptions security)
    {
        await using var dovecot = await DovecotServer.StartAsync();
        // Some samples are stored with LF line ends; POP3 and IMAP carry CRLF, so the mailbox gets them as a delivery agent writes them.
        var delivered = Samples.Select(f => System.Text.Encoding.UTF8.GetBytes(File.ReadAllText(f).ReplaceLineEndings("\r\n"))).ToList();
        foreach (var sample in delivered) dovecot.Deliver(sample);
        try
        {
            // Read everything, mark the first three, and end without committing: a run that stops half-way removes nothing.
            var read = new List<byte[]>();
            await using (var mailbox = await OpenAsync(dovecot, protocol, security))
            {
                Assert.Equal(delivered.Count, mailbox.Count);
                for (var i = 0; i < mailbox.Count; i++) read.Add(await mailbox.ReadAsync(i, CancellationToken.None));
                for (var i = 0; i < 3; i++) await mailbox.DeleteAsync(i, CancellationToken.None);
            }
            Assert.Equal(delivered.Select(Convert.ToHexString).Order(), read.Select(Convert.ToHexString).Order());
            foreach (var (raw, file) in read.Select(r => (r, Samples[delivered.FindIndex(d => d.AsSpan().SequenceEqual(r))])))
            {
                var fromMailbox = BounceParser.Parse(MimeMessage.Load(new MemoryStream(raw)));
                var fromFile = BounceParser.Parse(MimeMessage.Load(file));
                Assert.Equal((fromFile.Type, fromFile.OriginalMessageId), (fromMailbox.Type, fromMailbox.OriginalMessageId));
                Assert.Equal(fromFile.Recipients, fromMailbox.Recipients);
            }
            Assert.Equal(delivered.Count, dovecot.MessageFiles());

            // Mark two and commit. POP3 forgets the marks of a session that did not QUIT, so exactly those two go; IMAP keeps
            // \Deleted flags without EXPUNGE, so this EXPUNGE also takes the three marked before (BounceProcessor marks only
            // what it has recorded, and reads flagged messages again until then, so nothing unrecorded is lost).
            List<byte[]> removed = protocol == "imap" ? [.. read.Take(3)] : [];
            await using (var mailbox = await OpenAsync(dovecot, protocol, security))
            {
                Assert.Equal(delivered.Count, mailbox.Count);
                foreach (var i in (int[])[3, 5])
                {
                    removed.Add(await mailbox.ReadAsync(i, CancellationToken.None));
                    await mailbox.DeleteAsync(i, CancellationToken.None);
                }
                await mailbox.CommitAsync(CancellationToken.None);
            }
            Assert.Equal(delivered.Count - removed.Count, dovecot.MessageFiles());

            await using (var mailbox = await OpenAsync(dovecot, protocol, security))
            {
                var left = new List<byte[]>();
                for (var i = 0; i < mailbox.Count; i++) left.Add(await mailbox.ReadAsync(i, CancellationToken.None));
                Assert.Equal(delivered.Count - removed.Count, left.Count);
                Assert.DoesNotContain(left, l => removed.Any(m => m.AsSpan().SequenceEqual(l)));
            }
        }
        catch
        {
            Console.Error.WriteLine(dovecot.Log());
            throw;
        }
    }

    [Theory]
    [InlineData("pop3")]
    [InlineData("imap")]
    public async Task A_refused_password_is_an_authentication_error_and_the_right_one_with_quotes_and_spaces_opens_the_mailbox(string protocol)
    {
        await using var dovecot = await DovecotServer.StartAsync();
        MailService client = protocol == "imap" ? new ImapClient() : new Pop3Client();
        using (client)
        {
            client.ServerCertificateValidationCallback = dovecot.ValidateCertificate;
            client.Timeout = 20_000;
            await client.ConnectAsync("127.0.0.1", protocol == "imap" ? dovecot.ImapsPort : dovecot.Pop3sPort, SecureSocketOptions.SslOnConnect);
            await Assert.ThrowsAsync<AuthenticationException>(() => client.AuthenticateAsync(DovecotServer.User, "wrong"));
            Assert.True(client.IsConnected);
            await client.AuthenticateAsync(DovecotServer.User, DovecotServer.Password);
            Assert.True(client.IsAuthenticated);
        }
    }

    /// <summary>Connects, signs in and opens the INBOX as <see cref="BounceProcessor"/> does.</summary>
    private static async Task<IBounceMailbox> OpenAsync(DovecotServer dovecot, string protocol, SecureSocketOptions security)
    {
        if (protocol == "imap")
        {
            var imap = new ImapClient { ServerCertificateValidationCallback = dovecot.ValidateCertificate, Timeout = 20_000 };
            await imap.ConnectAsync("127.0.0.1", security == SecureSocketOptions.SslOnConnect ? dovecot.ImapsPort : dovecot.ImapPort, security);
            await imap.AuthenticateAsync(DovecotServer.User, DovecotServer.Password);
            await imap.Inbox.OpenAsync(FolderAccess.ReadWrite);
            return new ImapBounceMailbox(imap, await imap.Inbox.SearchAsync(SearchQuery.All));
        }
        var pop3 = new Pop3Client { ServerCertificateValidationCallback = dovecot.ValidateCertificate, Timeout = 20_000 };
        await pop3.ConnectAsync("127.0.0.1", security == SecureSocketOptions.SslOnConnect ? dovecot.Pop3sPort : dovecot.Pop3Port, security);
        await pop3.AuthenticateAsync(DovecotServer.User, DovecotServer.Password);
        return new Pop3BounceMailbox(pop3);
    }
}
