using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CecopComms.Delivery;
using CecopComms.Mail;
using CecopComms.Tests.Mail.Mime;
using CecopComms.Tests.Peers;
using MimeKit;

namespace CecopComms.Tests.Mail.Dkim;

/// <summary>One RSA 2048 key for the DKIM tests, its public half in a temp file for Peers/dkim_verify.py.</summary>
public sealed class DkimKey : IDisposable
{
    public RSA Key { get; } = RSA.Create(2048);

    /// <summary>Base64 SubjectPublicKeyInfo, the p= of the TXT record.</summary>
    public string PublicKeyFile { get; } = Path.Combine(Path.GetTempPath(), $"dkim-{Guid.NewGuid():N}.pub");

    public DkimKey() => File.WriteAllText(PublicKeyFile, Convert.ToBase64String(Key.ExportSubjectPublicKeyInfo()));

    public void Dispose()
    {
        Key.Dispose();
        File.Delete(PublicKeyFile);
    }
}

/// <summary>
/// Messages composed and signed as the application signs them (<see cref="RsaDkimSigner"/> after Prepare(SevenBit),
/// inside <see cref="MessageComposer"/>) verified by dkimpy without DNS; tampering is caught.
/// </summary>
public sealed class RsaDkimSignerTests(DkimKey keys) : IClassFixture<DkimKey>
{
    private RsaDkimSigner Signer(TimeProvider? time = null) => new(keys.Key, "cecop.example", "news2026", time ?? Infrastructure.TestClocks.At());

    /// <summary>HTML as newsletters come: one line of several kilobytes, non-ASCII text, and a plain part in many scripts.</summary>
    private static readonly Newsletters.Mailing LongLines = new(
        "Coopératives — été 2026: Καλημέρα, Здравейте, 今週のニュース 🎉",
        "<html><body>" + string.Concat(Enumerable.Repeat("<p>Coopérative sociale — travail associé, Ζωή, żółć, 日本語</p>", 120)) + "</body></html>",
        "Dear {name},\n" + new string('é', 1200) + "\n.a line with a dot\nΚαλημέρα κόσμε\n");

    [Theory]
    [InlineData("Ana López")]
    [InlineData("Γιώργος Παπαδόπουλος")]
    [InlineData("山田太郎")]
    public async Task A_composed_message_with_lines_over_998_octets_and_non_ascii_text_verifies(string reader)
    {
        var html = LongLines.Html;
        Assert.True(Encoding.UTF8.GetByteCount(html) > 998);
        var message = Newsletters.Compose(LongLines, Newsletters.Reader("reader@example.org", reader), Signer());
        var data = Newsletters.Written(message);

        Assert.StartsWith("DKIM-Signature: v=1; a=rsa-sha256; ", Encoding.ASCII.GetString(data));
        var signature = Regex.Replace(message.Headers[HeaderId.DkimSignature]!, @"\s+", "");
        Assert.Contains("c=relaxed/relaxed;", signature);
        Assert.Contains("d=cecop.example;", signature);
        Assert.Contains("s=news2026;", signature);
        WireFormat.AssertValid(data, international: false, headerLimit: 998);
        Assert.True(await VerifyAsync(data), Encoding.UTF8.GetString(data));
    }

    [Fact]
    public async Task The_signature_covers_the_list_headers_and_carries_the_clocks_time()
    {
        var message = Newsletters.Compose(LongLines, Newsletters.Reader("reader@example.org"), Signer());
        var signature = Regex.Replace(message.Headers[HeaderId.DkimSignature]!, @"\s+", "");

        Assert.Contains("h=From:To:Subject:Date:Message-Id:MIME-Version:Content-Type:List-Unsubscribe:List-Unsubscribe-Post;".ToLowerInvariant(), signature.ToLowerInvariant());
        Assert.Contains($"t={Newsletters.Now.ToUnixTimeSeconds()};", signature);
        Assert.True(await VerifyAsync(Newsletters.Written(message)));
    }

    [Fact]
    public async Task A_changed_body_fails()
    {
        var data = Newsletters.Written(Newsletters.Compose(LongLines, Newsletters.Reader("reader@example.org"), Signer()));
        Assert.True(await VerifyAsync(data));
        var text = Encoding.ASCII.GetString(data);
        // A letter of the last part's content (the HTML, base64 or quoted-printable on the wire).
        var content = text.LastIndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        var at = text.IndexOfAny("abcdefghijklmnopqrstuvwxyz".ToCharArray(), content);
        Assert.True(at > content && at < text.Length - 10);
        var altered = text[..at] + char.ToUpperInvariant(text[at]) + text[(at + 1)..];
        Assert.False(await VerifyAsync(Encoding.ASCII.GetBytes(altered)));
    }

    [Theory]
    [InlineData("Subject")]
    [InlineData("List-Unsubscribe")]
    [InlineData("To")]
    public async Task A_changed_signed_header_fails(string field)
    {
        var message = Newsletters.Compose(Newsletters.Mailing.Plain, Newsletters.Reader("reader@example.org"), Signer());
        var data = Newsletters.Written(message);
        var text = Encoding.ASCII.GetString(data);
        var line = new Regex($@"\r\n{field}:(?:\r\n)? ([^\r]+)").Match(text);
        Assert.True(line.Success, field);
        var value = line.Groups[1];
        var altered = text[..value.Index] + value.Value.Replace('e', 'E') + text[(value.Index + value.Length)..];
        Assert.NotEqual(text, altered);

        Assert.True(await VerifyAsync(data));
        Assert.False(await VerifyAsync(Encoding.ASCII.GetBytes(altered)));
    }

    [Fact]
    public async Task A_header_added_on_the_way_that_is_not_signed_leaves_the_signature_valid()
    {
        var data = Newsletters.Written(Newsletters.Compose(Newsletters.Mailing.Plain, Newsletters.Reader("reader@example.org"), Signer()));
        var relayed = Encoding.ASCII.GetBytes("Received: from relay.example by mx.example; Mon, 2 Mar 2026 10:00:00 +0000\r\nX-Spam-Score: 0.1\r\n").Concat(data).ToArray();
        Assert.True(await VerifyAsync(relayed));
    }

    [Fact]
    public async Task Concurrent_senders_sharing_one_signer_all_produce_valid_signatures()
    {
        var signer = Signer();
        var composer = Newsletters.Composer(signer);
        var messages = new MimeMessage[16];
        Parallel.For(0, messages.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => messages[i] = composer.Compose(LongLines, Newsletters.Reader($"r{i}@example.org", $"Reader {i} — Ζωή", id: i + 1), 5, test: false));
        foreach (var message in messages)
            Assert.True(await VerifyAsync(Newsletters.Written(message)), message.To.ToString());
    }

    [Fact]
    public async Task A_pem_key_file_in_pkcs1_or_pkcs8_signs_and_a_short_or_missing_key_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory("dkim-key-").FullName;
        try
        {
            foreach (var (name, pem) in new[] { ("pkcs1.pem", keys.Key.ExportRSAPrivateKeyPem()), ("pkcs8.pem", keys.Key.ExportPkcs8PrivateKeyPem()) })
            {
                var path = Path.Combine(folder, name);
                await File.WriteAllTextAsync(path, pem);
                var signer = new RsaDkimSigner(path, "cecop.example", "news2026", Infrastructure.TestClocks.At());
                Assert.True(await VerifyAsync(Newsletters.Written(Newsletters.Compose(Newsletters.Mailing.Plain, Newsletters.Reader("a@example.org"), signer))), name);
            }
            using var small = RSA.Create(512);
            var e = Assert.Throws<ArgumentException>(() => new RsaDkimSigner(small, "cecop.example", "news", TimeProvider.System));
            Assert.Contains("512-bit", e.Message);
            var garbage = Path.Combine(folder, "garbage.pem");
            await File.WriteAllTextAsync(garbage, "not a key");
            Assert.Contains("holds no RSA private key", Assert.Throws<ArgumentException>(() => new RsaDkimSigner(garbage, "cecop.example", "news", TimeProvider.System)).Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_signed_message_crosses_the_smtp_pool_byte_for_byte_and_still_verifies()
    {
        await using var server = await AiosmtpdServer.StartAsync();
        var outgoing = Newsletters.Outgoing("ana@example.org", LongLines, Signer(), name: "Ana López");
        await using (var pool = new SmtpPoolTransport([new SmtpServerOptions { Host = "127.0.0.1", Port = server.Port, Security = "None" }], 10_000))
            Assert.Equal(OutcomeKind.Sent, (await pool.SendAsync(outgoing, CancellationToken.None)).Kind);

        var (data, _) = Assert.Single(server.Received());
        Assert.Equal(Newsletters.Written(outgoing.Message), data);
        Assert.True(await VerifyAsync(data));
    }

    private async Task<bool> VerifyAsync(byte[] data)
    {
        var result = await PeerPython.RunAsync("dkim_verify.py", data, [keys.PublicKeyFile]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return result.StandardOutput.Trim() switch
        {
            "True" => true,
            "False" => false,
            var other => throw new InvalidOperationException($"dkim_verify.py said {other}: {result.StandardError}"),
        };
    }
}
