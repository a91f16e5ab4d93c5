using System.Text;
using CecopComms.Mail.Pop3;
using CecopComms.Mail.Smtp;
using CecopComms.Mail.Tests.Peers;

namespace CecopComms.Mail.Tests.Pop3;

/// <summary>The POP3 client against a real Dovecot, over TLS on connect and over STLS.</summary>
public class Pop3DovecotTests
{
    private static readonly byte[] First = Encoding.ASCII.GetBytes(
        "From: mailer-daemon@mx.example.net\r\nTo: bounce+1.2.abc@bounces.cecop.example\r\nSubject: Undelivered\r\n\r\n" +
        "Line one\r\n.line starting with a dot\r\n..two dots\r\n.\r\n\r\nend\r\n");
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
                Assert.Contains("PLAIN", client.AuthenticationMechanisms);
                Assert.Equal(2, client.Count);
                Assert.Equal(2, await client.GetMessageCountAsync());
                var uids = await client.GetMessageUidsAsync();
                Assert.Equal(2, uids.Distinct().Count());

                var fetched = new List<byte[]>();
                for (var i = 0; i < client.Count; i++)
                {
                    await using var stream = await client.GetStreamAsync(i);
                    fetched.Add(((MemoryStream)stream).ToArray());
                }
                Assert.Contains(fetched, f => f.AsSpan().SequenceEqual(First));
                Assert.Contains(fetched, f => f.AsSpan().SequenceEqual(Second));

                var parsed = await client.GetMessageAsync(fetched[0].AsSpan().SequenceEqual(Second) ? 0 : 1);
                Assert.Equal("second", parsed.Subject);

                await client.DeleteMessageAsync(0);
                await Assert.ThrowsAsync<Pop3CommandException>(() => client.GetStreamAsync(0));
                await client.DisconnectAsync(true);
            }

            using (var again = await ConnectAsync(dovecot, security))
            {
                Assert.Equal(1, again.Count);
                Assert.Equal(1, dovecot.MessageFiles());
                await again.DisconnectAsync(true);
            }
        }
        catch
        {
            Console.Error.WriteLine(dovecot.Log());
            throw;
        }
    }

    [Fact]
    public async Task A_connection_that_breaks_before_quit_deletes_nothing()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        dovecot.Deliver(First);
        using (var client = await ConnectAsync(dovecot, SecureSocketOptions.SslOnConnect))
        {
            await client.DeleteMessageAsync(0);
            await client.DisconnectAsync(false);
        }
        using var again = await ConnectAsync(dovecot, SecureSocketOptions.SslOnConnect);
        Assert.Equal(1, again.Count);
    }

    [Fact]
    public async Task Wrong_password_is_refused_and_the_connection_stays_usable()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        using var client = new Pop3Client { ServerCertificateValidationCallback = dovecot.ValidateCertificate, Timeout = 20_000 };
        await client.ConnectAsync("127.0.0.1", dovecot.Pop3sPort, SecureSocketOptions.SslOnConnect);
        await Assert.ThrowsAsync<AuthenticationException>(() => client.AuthenticateAsync(DovecotServer.User, "wrong"));
        Assert.True(client.IsConnected);
        await client.AuthenticateAsync(DovecotServer.User, DovecotServer.Password);
        Assert.Equal(0, client.Count);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_refused_by_default()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        using var client = new Pop3Client { Timeout = 20_000 };
        var e = await Assert.ThrowsAsync<SslHandshakeException>(() => client.ConnectAsync("127.0.0.1", dovecot.Pop3sPort, SecureSocketOptions.SslOnConnect));
        Assert.Contains("Pop3Client.ServerCertificateValidationCallback", e.Message);
        Assert.False(client.IsConnected);
    }

    private static async Task<Pop3Client> ConnectAsync(DovecotServer dovecot, SecureSocketOptions security)
    {
        var client = new Pop3Client { ServerCertificateValidationCallback = dovecot.ValidateCertificate, Timeout = 20_000 };
        await client.ConnectAsync("127.0.0.1", security == SecureSocketOptions.SslOnConnect ? dovecot.Pop3sPort : dovecot.Pop3Port, security);
        await client.AuthenticateAsync(DovecotServer.User, DovecotServer.Password);
        return client;
    }
}
