using System.Diagnostics;
using System.Security.Cryptography;
using CecopComms.Mail.Dkim;
using CecopComms.Mail.Mime;
using CecopComms.Mail.Smtp;

namespace CecopComms.Mail.Tests.Smtp;

/// <summary>Our client against Debian's aiosmtpd: what the server received must be what MimeMessage.WriteTo wrote.</summary>
public class AiosmtpdInteropTests
{
    [Fact]
    public async Task Plain_send_delivers_the_exact_bytes_and_the_envelope()
    {
        await using var server = await AiosmtpdServer.StartAsync();
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", server.Port, SecureSocketOptions.None);
        var message = Newsletter("ana@example.org");
        message.Bcc.Add(new MailboxAddress(null, "audit@example.net"));
        message.Cc.Add(new MailboxAddress("Ana again", "ana@example.org"));

        var reply = await client.SendAsync(message);
        await client.DisconnectAsync(true);

        Assert.Equal("2.0.0 Ok: queued as 0001", reply);
        var (data, envelope) = Assert.Single(server.Received());
        Assert.Equal("news@example.coop", envelope.GetProperty("mail_from").GetString());
        Assert.Equal(["ana@example.org", "audit@example.net"], envelope.GetProperty("rcpt_tos").EnumerateArray().Select(e => e.GetString()));
        // aiosmtpd states SIZE, so the client measured the message: the size it declared is exact.
        Assert.Equal([$"SIZE={data.Length}", "BODY=8BITMIME"], envelope.GetProperty("mail_options").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Written(message), data);
        Assert.DoesNotContain("audit@example.net", System.Text.Encoding.UTF8.GetString(data));
    }

    [Fact]
    public async Task Many_messages_on_one_connection()
    {
        await using var server = await AiosmtpdServer.StartAsync();
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", server.Port, SecureSocketOptions.None);
        var messages = Enumerable.Range(1, 25).Select(i => Newsletter($"reader{i}@example.org")).ToList();

        foreach (var message in messages) await client.SendAsync(message);
        await client.DisconnectAsync(true);

        var received = server.Received();
        Assert.Equal(messages.Count, received.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            Assert.Equal(Written(messages[i]), received[i].Data);
            Assert.Equal($"reader{i + 1}@example.org", received[i].Envelope.GetProperty("rcpt_tos")[0].GetString());
        }
    }

    [Fact]
    public async Task Recipient_refused_by_the_server_is_named_and_the_others_can_still_be_served()
    {
        await using var server = await AiosmtpdServer.StartAsync("--refuse", "gone@example.org");
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", server.Port, SecureSocketOptions.None);
        var message = Newsletter("ana@example.org");
        message.To.Add(new MailboxAddress(null, "gone@example.org"));

        var e = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(message));
        Assert.Equal(SmtpErrorCode.RecipientNotAccepted, e.ErrorCode);
        Assert.Equal(SmtpStatusCode.MailboxUnavailable, e.StatusCode);
        Assert.Equal("gone@example.org", Assert.Single(e.RefusedRecipients).Address);
        Assert.Equal("gone@example.org", e.Mailbox?.Address);
        Assert.Equal("5.1.1", e.EnhancedStatusCode);
        Assert.Empty(server.Received());

        client.SendToAcceptedRecipients = true;
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
        var (data, envelope) = Assert.Single(server.Received());
        Assert.Equal(["ana@example.org"], envelope.GetProperty("rcpt_tos").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(Written(message), data);
    }

    [Fact]
    public async Task Auth_required_wrong_password_is_refused_and_the_right_one_sends()
    {
        await using var server = await AiosmtpdServer.StartAsync("--auth-required", "news:s3cret!");
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", server.Port, SecureSocketOptions.None);

        await Assert.ThrowsAsync<AuthenticationException>(() => client.AuthenticateAsync("news", "wrong"));
        Assert.True(client.IsConnected);
        await client.AuthenticateAsync("news", "s3cret!");
        var message = Newsletter("ana@example.org");
        await client.SendAsync(message);
        await client.DisconnectAsync(true);

        Assert.Equal(Written(message), Assert.Single(server.Received()).Data);
    }

    [Fact]
    public async Task Starttls_with_a_self_signed_certificate_is_refused_strictly_and_accepted_by_the_callback()
    {
        using var certificate = await SelfSignedCertificate.CreateAsync();
        await using var server = await AiosmtpdServer.StartAsync("--starttls", certificate.CertificatePath, certificate.KeyPath, "--require-starttls");

        using (var strict = new SmtpClient())
        {
            var e = await Assert.ThrowsAsync<SslHandshakeException>(() => strict.ConnectAsync("localhost", server.Port, SecureSocketOptions.StartTls));
            Assert.Contains("ServerCertificateValidationCallback", e.Message);
            Assert.False(strict.IsConnected);
        }

        using var client = new SmtpClient { ServerCertificateValidationCallback = (_, cert, _, _) => cert?.Subject == "CN=localhost" };
        await client.ConnectAsync("localhost", server.Port, SecureSocketOptions.StartTls);
        Assert.True(client.IsSecure);
        var message = Newsletter("ana@example.org");
        await client.SendAsync(message);
        await client.DisconnectAsync(true);

        var (data, envelope) = Assert.Single(server.Received());
        Assert.True(envelope.GetProperty("tls").GetBoolean());
        Assert.Equal(Written(message), data);
    }

    [Fact]
    public async Task Dkim_signed_message_arrives_byte_for_byte_and_verifies_with_dkimpy()
    {
        await using var server = await AiosmtpdServer.StartAsync();
        using var key = RSA.Create(2048);
        using var signer = new DkimSigner(key, "example.coop", "news2026");
        var message = Newsletter("ana@example.org");
        signer.Sign(FormatOptions.Default, message, DkimSigner.DefaultHeaders);
        var signed = Written(message);

        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", server.Port, SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(true);

        var (data, _) = Assert.Single(server.Received());
        Assert.Equal(signed, data);
        var keyFile = Path.Combine(server.Folder, "public.b64");
        await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()));
        var verdict = await PeerPython.RunAsync("dkim_verify.py", data, [keyFile]);
        Assert.True(verdict.StandardOutput.Trim() == "True", verdict.StandardError);
    }

    /// <summary>A text+HTML newsletter with lines that start with dots, so unstuffing is exercised too.</summary>
    internal static MimeMessage Newsletter(string to)
    {
        var message = new MimeMessage(TimeProvider.System) { Subject = "Cecop news — week 47", Date = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.FromHours(1)), MessageId = $"{Guid.NewGuid():N}@example.coop" };
        message.From.Add(new MailboxAddress("Cecop News", "news@example.coop"));
        message.To.Add(new MailboxAddress("Reader", to));
        var builder = new BodyBuilder
        {
            TextBody = "Hello,\n.this line starts with a dot\n..and this with two\n.\nÇa va? Ünïcödé text.\n",
            HtmlBody = "<html><body><p>Hello,</p>\n.<p>dot at line start</p>\n<p>Ça va?</p></body></html>\n",
        };
        message.Body = builder.ToMessageBody();
        return message;
    }

    /// <summary>The bytes our MIME writer produces for a message already prepared by the client.</summary>
    internal static byte[] Written(MimeMessage message)
    {
        var bytes = new MemoryStream();
        message.WriteTo(FormatOptions.Default, bytes);
        return bytes.ToArray();
    }

    /// <summary>openssl req -x509 … /CN=localhost, in a temporary folder.</summary>
    private sealed class SelfSignedCertificate : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("smtp-cert-").FullName;

        public string CertificatePath => Path.Combine(_folder, "cert.pem");

        public string KeyPath => Path.Combine(_folder, "key.pem");

        public static async Task<SelfSignedCertificate> CreateAsync()
        {
            var certificate = new SelfSignedCertificate();
            var start = new ProcessStartInfo("openssl") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in (string[])["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1",
                         "-keyout", certificate.KeyPath, "-out", certificate.CertificatePath])
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, error);
            return certificate;
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}
