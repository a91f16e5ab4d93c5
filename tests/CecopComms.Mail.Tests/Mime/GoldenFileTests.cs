using System.Runtime.CompilerServices;
using System.Text;
using CecopComms.Mail.Dkim;
using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Tests.Mime;

/// <summary>
/// Whole messages compared byte for byte with files in Golden/. Boundaries, ids and dates are set through
/// their public setters, so the output is deterministic. Set UPDATE_GOLDEN=1 to rewrite the files, then
/// read the diff before committing.
/// </summary>
public class GoldenFileTests
{
    [Fact]
    public void Newsletter_SevenBit() => AssertGolden("newsletter-7bit.eml", Newsletter(), FormatOptions.Default, EncodingConstraint.SevenBit);

    [Fact]
    public void Newsletter_International() =>
        AssertGolden("newsletter-international.eml", Newsletter(), new FormatOptions { International = true }, EncodingConstraint.EightBit);

    [Fact]
    public void AttachmentsAndInlineImages() => AssertGolden("attachments.eml", WithFiles(), FormatOptions.Default, EncodingConstraint.SevenBit);

    [Fact]
    public async Task DkimSigned_IsStable_AndVerifies()
    {
        var message = Newsletter();
        using var signer = new DkimSigner(Path.Combine(AppContext.BaseDirectory, "Golden", "dkim-test-key.pem"), "example.org", "golden")
        {
            TimeProvider = new FixedClock(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero)),
        };
        signer.Sign(message, DkimSigner.DefaultHeaders);
        var data = AssertGolden("newsletter-dkim.eml", message, FormatOptions.Default, EncodingConstraint.SevenBit);

        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "dkim-test-key.pem")));
        var publicKey = Path.GetTempFileName();
        try
        {
            File.WriteAllText(publicKey, Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()));
            var result = await PeerPython.RunAsync("dkim_verify.py", data, [publicKey]);
            Assert.Equal("True", result.StandardOutput.Trim());
        }
        finally
        {
            File.Delete(publicKey);
        }
    }

    private static MimeMessage Newsletter()
    {
        var message = new MimeMessage(TimeProvider.System)
        {
            Subject = "Les nouveautés de l'été — numéro 42 🎉",
            Date = new DateTimeOffset(2026, 11, 21, 10, 30, 0, TimeSpan.FromHours(1)),
            MessageId = "golden.1@news.example.org",
        };
        message.From.Add(new MailboxAddress("Amélie de la Coopérative", "news@example.org"));
        message.To.Add(new MailboxAddress("Łukasz Żółć", "lukasz@example.pl"));
        message.ReplyTo.Add(new MailboxAddress(null, "reply@example.org"));
        message.Headers.Add("List-Unsubscribe", "<https://news.example.org/u/0123456789abcdef0123456789abcdef>, <mailto:unsubscribe@example.org?subject=golden>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("List-Id", "Nouvelles <news.example.org>");
        message.Headers.Add("Feedback-ID", "42:7:cecop:example.org");
        var body = new BodyBuilder
        {
            TextBody = "Bonjour Łukasz,\n\nVoici les nouveautés de l'été : café, crème brûlée et une très longue ligne qui dépasse largement les soixante-dix-huit colonnes.\n",
            HtmlBody = "<html><body><p>Bonjour Łukasz,</p><p>Voici les <b>nouveautés</b> de l'été.</p><a href=\"https://news.example.org/r/" + new string('x', 120) + "\">Lire</a></body></html>\n",
        }.ToMessageBody();
        SetBoundaries(body, "golden");
        message.Body = body;
        return message;
    }

    private static MimeMessage WithFiles()
    {
        var message = new MimeMessage(TimeProvider.System)
        {
            Subject = "Rapport annuel",
            Date = new DateTimeOffset(2026, 11, 21, 10, 30, 0, TimeSpan.Zero),
            MessageId = "golden.2@news.example.org",
        };
        message.From.Add(new MailboxAddress("Coop", "news@example.org"));
        message.To.Add(new MailboxAddress("Иван Петров", "ivan@example.bg"));
        var builder = new BodyBuilder { TextBody = "See the report." };
        var logo = builder.LinkedResources.Add("logo.png", MimeCorpus.Bytes(120, 1));
        logo.ContentId = "logo.1@news.example.org";
        builder.HtmlBody = "<p><img src=\"cid:logo.1@news.example.org\"> See the report.</p>";
        builder.Attachments.Add("Rapport annuel 2026 — été.pdf", MimeCorpus.Bytes(200, 2));
        builder.Attachments.Add(string.Concat(Enumerable.Repeat("отчёт-", 8)) + "финал.csv", Encoding.UTF8.GetBytes("a;b\r\n1;2\r\n"));
        var body = builder.ToMessageBody();
        SetBoundaries(body, "golden");
        message.Body = body;
        return message;
    }

    private static void SetBoundaries(MimeEntity entity, string prefix)
    {
        var n = 0;
        Visit(entity);

        void Visit(MimeEntity e)
        {
            if (e is not Multipart multipart)
                return;
            multipart.Boundary = $"=-{prefix}-{++n}";
            foreach (var child in multipart)
                Visit(child);
        }
    }

    private static byte[] AssertGolden(string file, MimeMessage message, FormatOptions options, EncodingConstraint constraint, [CallerFilePath] string source = "")
    {
        message.Prepare(constraint);
        using var stream = new MemoryStream();
        message.WriteTo(options, stream);
        var actual = stream.ToArray();
        WireFormat.AssertValid(actual, options.International);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
            File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(source)!, "..", "Golden", file), actual);
        var expected = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", file));
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
        return actual;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
