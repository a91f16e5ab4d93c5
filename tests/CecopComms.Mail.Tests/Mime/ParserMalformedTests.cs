using System.Text;
using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Tests.Mime;

/// <summary>Damaged input is read as well as it can be; only input that is not a message is refused, naming the line.</summary>
public class ParserMalformedTests
{
    private static MimeMessage Load(string text) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("%PDF-1.4\n%âãÏÓ\n1 0 obj\n", 1, "%PDF-1.4")]
    [InlineData("Hello there,\nthis is just text.\n", 1, "Hello there,")]
    [InlineData("From sender@example.org Tue Jun 15 10:00:00 2021\nnot a header\n", 2, "not a header")]
    [InlineData("\nBody without headers\n", 1, "")]
    [InlineData(" continuation first: x\n", 1, " continuation first: x")]
    public void NotAMessage_IsRefused_NamingTheLine(string text, int line, string shown)
    {
        var error = Assert.Throws<MessageParseException>(() => Load(text));
        Assert.Equal(line, error.LineNumber);
        Assert.Contains($"Line {line} ", error.Message);
        Assert.Contains($"('{shown}')", error.Message);
        Assert.IsAssignableFrom<ParseException>(error);
    }

    [Fact]
    public void EmptyInput_IsRefused()
    {
        var error = Assert.Throws<MessageParseException>(() => MimeMessage.Load(new MemoryStream()));
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void InputOverTheLimit_IsRefused_BeforeItIsAllRead()
    {
        var parser = new MimeParser(new EndlessHeaders()) { MaxMessageSize = 1024 * 1024 };
        var error = Assert.Throws<MessageParseException>(() => parser.ParseMessage());
        Assert.Contains("larger than 1 MB", error.Message);
        Assert.Equal(25 * 1024 * 1024, new MimeParser(new MemoryStream()).MaxMessageSize);
    }

    [Fact]
    public async Task SeekableInputOverTheLimit_IsRefused_FromItsLength()
    {
        var data = new byte[2 * 1024 * 1024];
        "Subject: big\r\n\r\n"u8.CopyTo(data);
        var error = await Assert.ThrowsAsync<MessageParseException>(() => new MimeParser(new MemoryStream(data)) { MaxMessageSize = 1024 * 1024 }.ParseMessageAsync());
        Assert.Contains("larger than 1 MB", error.Message);
        Assert.Equal("big", new MimeParser(new MemoryStream(data)) { MaxMessageSize = 2 * 1024 * 1024 }.ParseMessage().Subject);
    }

    [Theory]
    [InlineData("Subject: x\nContent-Type: multipart/mixed\n\nno boundary at all\n")]
    [InlineData("Subject: x\nContent-Type: multipart/mixed; boundary=\"b\"\n\nonly a preamble, no delimiter\n")]
    [InlineData("Subject: x\nContent-Type: /\nContent-Transfer-Encoding: base64\n\n!!!not base64***\n")]
    [InlineData("Subject: x\nContent-Type: text/plain; charset=x-unknown-charset\n\nbytes \xff\n")]
    [InlineData("Subject: =?utf-8?q?unterminated\nFrom: <<<@@@>>>, \"unclosed\nTo: ,,,;\nDate: yesterday\nMessage-ID: <has space@x>\n\nbody")]
    [InlineData("Subject: x\nContent-Type: text/plain; name*0*=bad''%ZZ; name*1=\"\nContent-Disposition: ;;;=\n\nbody")]
    [InlineData("Subject: x\nContent-Type: message/rfc822\n\n")]
    [InlineData("Subject: x\nContent-Type: message/rfc822\n\nnot headers inside\n")]
    [InlineData("Subject: x\nContent-Type: message/delivery-status\n\n\n\nAction failed\nStatus: 5.1.1\n\n  \n")]
    [InlineData("Subject: x\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n=\n=4\n=ZZ end=")]
    [InlineData("Subject: x\r\nBad Header Line\r\nMore: after\r\n\r\nbody")]
    [InlineData("Subject: x\0y\rz\nX-Nul: a\0b\n\nbody")]
    public void DamagedMessage_IsRead_WithoutThrowing(string text)
    {
        var message = Load(text);
        Assert.False(string.IsNullOrEmpty(message.Subject));
        Assert.NotNull(message.Body);
        // Whatever was read can be written again.
        message.WriteTo(FormatOptions.Default, Stream.Null);
    }

    /// <summary>
    /// Every bounce sample and corpus message, cut, spliced and bit-flipped at seeded random places: the parser
    /// reads each or refuses it as not a message, and the bounce parser reads whatever was parsed.
    /// </summary>
    [Fact]
    public void MutatedMessages_NeverThrow_ExceptAsNotAMessage()
    {
        var inputs = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples", "Bounces"), "*.eml").Order().Select(File.ReadAllBytes)
            .Concat(ParserCorpus.Names.Select(ParserCorpus.Bytes)).ToList();
        var random = new Random(20210615);
        var parsed = 0;
        for (var round = 0; round < 3000; round++)
        {
            var data = Mutate(inputs[round % inputs.Count], random);
            MimeMessage message;
            try
            {
                message = MimeMessage.Load(new MemoryStream(data));
            }
            catch (MessageParseException e)
            {
                Assert.True(e.LineNumber is 0 or 1 or 2, e.Message);
                continue;
            }
            parsed++;
            _ = message.TextBody;
            _ = message.HtmlBody;
            foreach (var status in message.BodyParts.OfType<MessageDeliveryStatus>())
                _ = status.StatusGroups.Count;
            CecopComms.Mail.Dsn.BounceParser.Parse(message);
        }
        Assert.True(parsed > 2000, $"only {parsed} of 3000 mutated messages were read");
    }

    private static byte[] Mutate(byte[] input, Random random)
    {
        var data = input.ToList();
        for (var edits = random.Next(1, 6); edits > 0 && data.Count > 0; edits--)
        {
            var at = random.Next(data.Count);
            switch (random.Next(5))
            {
                case 0:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 1:
                    data.RemoveRange(at, Math.Min(random.Next(1, 200), data.Count - at));
                    break;
                case 2:
                    data[at] = (byte)random.Next(256);
                    break;
                case 3:
                    data.InsertRange(at, "\n--"u8.ToArray().Concat(data.Skip(random.Next(data.Count)).Take(random.Next(1, 80))));
                    break;
                default:
                    data.InsertRange(at, new[] { "\n\n", "=?utf-8?b?", "\r", "\n ", "; filename*0*=", "=\n", "\0" }[random.Next(7)].Select(c => (byte)c));
                    break;
            }
        }
        return [.. data];
    }

    [Fact]
    public void NonHeaderLine_EndsTheHeaders_AndStartsTheBody()
    {
        var message = Load("Subject: x\r\nBad Header Line\r\nMore: after\r\n\r\nbody");
        Assert.Equal("x", message.Subject);
        Assert.False(message.Headers.Contains("More"));
        Assert.Equal("Bad Header Line\r\nMore: after\r\n\r\nbody", message.TextBody);
    }

    [Fact]
    public void DeepNesting_StopsRecursing_WithoutStackOverflow()
    {
        var sb = new StringBuilder("Subject: deep\n");
        for (var i = 0; i < 5000; i++)
            sb.Append("Content-Type: multipart/mixed; boundary=b").Append(i).Append("\n\n--b").Append(i).Append('\n');
        sb.Append("Content-Type: text/plain\n\nbottom\n");
        var message = Load(sb.ToString());
        Assert.True(message.BodyParts.Count() > 10);
    }

    [Fact]
    public void HeadersWithoutBody_GiveAnEmptyTextBody()
    {
        var message = Load("From: a@example.org\nSubject: no body");
        Assert.Equal("no body", message.Subject);
        Assert.Equal("", message.TextBody);
        Assert.Equal("a@example.org", message.From.Mailboxes.Single().Address);
    }

    [Fact]
    public void MessageId_WithSpaces_IsDropped_ButKeptInTheHeaderList()
    {
        var message = Load("Message-ID: <has space@x>\nSubject: s\n\n");
        Assert.Null(message.MessageId);
        Assert.Equal("<has space@x>", message.ParsedHeaders!["Message-ID"]);
    }

    /// <summary>A stream that never ends: the size limit must stop the read.</summary>
    private sealed class EndlessHeaders : Stream
    {
        private static readonly byte[] Line = "X-Filler: 0123456789012345678901234567890123456789\r\n"u8.ToArray();
        private int offset;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long o, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int o, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int o, int count)
        {
            for (var i = 0; i < count; i++)
            {
                buffer[o + i] = Line[offset];
                offset = (offset + 1) % Line.Length;
            }
            return count;
        }
    }
}
