using System.Text;
using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Tests.Mime;

public class MimeMessageTests
{
    [Fact]
    public void Headers_AreWrittenInOrder_BccNever()
    {
        var message = MessageText.Simple("Hi");
        message.Bcc.Add(new MailboxAddress(null, "secret@example.org"));
        message.Cc.Add(new MailboxAddress(null, "cc@example.org"));
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("X-Campaign", "42");
        message.Date = new DateTimeOffset(2026, 3, 5, 7, 8, 9, TimeSpan.FromMinutes(-150));
        message.MessageId = "<abc@example.org>";
        var text = MessageText.Write(message);
        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
        var names = text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n").Select(l => l[..l.IndexOf(':')]);
        Assert.Equal(["From", "To", "Cc", "Subject", "Date", "Message-Id", "List-Unsubscribe-Post", "X-Campaign", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"], names);
        Assert.Contains("Date: Thu, 5 Mar 2026 07:08:09 -0230\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Message-Id: <abc@example.org>\r\n", text, StringComparison.Ordinal);
        Assert.Contains("MIME-Version: 1.0\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\nBody\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void HiddenHeaders_AreLeftOut()
    {
        var options = new FormatOptions();
        options.HiddenHeaders.Add("X-Internal");
        var message = MessageText.Simple();
        message.Headers.Add("X-Internal", "job 7");
        Assert.DoesNotContain("X-Internal", MessageText.Write(message, options), StringComparison.Ordinal);
    }

    [Fact]
    public void MessageIds_AreUnique_InTheConfiguredDomain()
    {
        var ids = Enumerable.Range(0, 2000).Select(_ => new MimeMessage(TimeProvider.System).MessageId!).ToHashSet();
        Assert.Equal(2000, ids.Count);
        Assert.EndsWith("@news.example.org", MimeUtils.GenerateMessageId("news.example.org"), StringComparison.Ordinal);
        Assert.EndsWith("@xn--bcher-kva.example", MimeUtils.GenerateMessageId("bücher.example"), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MimeUtils.GenerateMessageId("bad domain"));
        Assert.Throws<ArgumentException>(() => MimeUtils.MessageIdDomain = "x..y");
    }

    [Fact]
    public void Date_ComesFromTheTimeProvider()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(clock.Now, new MimeMessage(clock).Date);
    }

    [Fact]
    public async Task WriteToAsync_WritesTheSameBytes()
    {
        var message = MimeCorpus.Build("inline-images");
        message.Prepare(EncodingConstraint.SevenBit);
        using var sync = new MemoryStream();
        message.WriteTo(FormatOptions.Default, sync);
        using var async = new MemoryStream();
        await message.WriteToAsync(FormatOptions.Default, async);
        Assert.Equal(sync.ToArray(), async.ToArray());
    }

    [Fact]
    public void WriteTo_StreamsInLargeWrites()
    {
        var message = MimeCorpus.Build("long-url-html");
        var stream = new CountingStream();
        message.WriteTo(FormatOptions.Default, stream);
        Assert.True(stream.Writes <= 2 + stream.Length / 8192, $"{stream.Writes} writes for {stream.Length} bytes");
    }

    [Fact]
    public void UnixNewLines_AreHonoured()
    {
        var text = MessageText.Write(MessageText.Simple(), new FormatOptions { NewLineFormat = NewLineFormat.Unix });
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.Contains("\n\nBody\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void BodyBuilder_BuildsTheExpectedTree()
    {
        Assert.IsType<TextPart>(new BodyBuilder { TextBody = "t" }.ToMessageBody());
        Assert.True(((TextPart)new BodyBuilder { HtmlBody = "<p>h</p>" }.ToMessageBody()).IsHtml);

        var alternative = Assert.IsType<Multipart>(new BodyBuilder { TextBody = "t", HtmlBody = "<p>h</p>" }.ToMessageBody());
        Assert.Equal("multipart/alternative", alternative.ContentType.MimeType);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(e => e.ContentType.MimeType));

        var builder = new BodyBuilder { TextBody = "t" };
        var image = builder.LinkedResources.Add("logo.png", [1, 2, 3]);
        builder.HtmlBody = $"<img src=\"cid:{image.ContentId}\">";
        builder.Attachments.Add("report.pdf", [4, 5, 6]);
        var mixed = Assert.IsType<Multipart>(builder.ToMessageBody());
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        var inner = Assert.IsType<Multipart>(mixed[0]);
        Assert.Equal("multipart/alternative", inner.ContentType.MimeType);
        var related = Assert.IsType<Multipart>(inner[1]);
        Assert.Equal("multipart/related", related.ContentType.MimeType);
        Assert.Equal("text/html", related.ContentType.Parameters["type"]);
        Assert.Equal(image, related[1]);
        Assert.False(image.IsAttachment);
        Assert.Equal("image/png", image.ContentType.MimeType);
        Assert.NotNull(image.ContentId);
        var pdf = Assert.IsType<MimePart>(mixed[1]);
        Assert.True(pdf.IsAttachment);
        Assert.Equal("application/pdf", pdf.ContentType.MimeType);
        Assert.Equal(ContentEncoding.Base64, pdf.ContentTransferEncoding);
        Assert.Equal("report.pdf", pdf.FileName);
    }

    [Fact]
    public void BodyAccessors_FindTextHtmlAndAttachments()
    {
        var message = MimeCorpus.Build("inline-images");
        Assert.Equal("Images inside.", message.TextBody);
        Assert.StartsWith("<p><img src=\"cid:", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(["brochure.pdf"], message.Attachments.OfType<MimePart>().Select(p => p.FileName));
        Assert.Equal(8, message.BodyParts.Count());
        var built = new MimeMessage(TimeProvider.System, [new MailboxAddress(null, "a@example.org")], [new MailboxAddress(null, "b@example.org")], "S", new TextPart { Text = "x" });
        Assert.Equal("x", built.TextBody);
        Assert.Null(built.HtmlBody);
    }

    [Fact]
    public void ContentType_ParsesAndPrints()
    {
        var type = ContentType.Parse("text/html; charset=\"utf-8\"; format=flowed");
        Assert.Equal("text/html", type.MimeType);
        Assert.Equal("utf-8", type.Charset);
        Assert.Equal("text/html; charset=utf-8; format=flowed", type.ToString());
        Assert.Throws<ParseException>(() => ContentType.Parse("nonsense"));
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", MimeTypes.GetMimeType("x.XLSX"));
        Assert.Equal("application/octet-stream", MimeTypes.GetMimeType("x.unknown"));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now => now;

        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            base.Write(buffer);
        }
    }
}
