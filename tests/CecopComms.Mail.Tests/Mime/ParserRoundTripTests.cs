using System.Text;
using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Tests.Mime;

/// <summary>What our writer produces, our parser reads back: the same headers, addresses, tree, text and attachment bytes.</summary>
public class ParserRoundTripTests
{
    public static TheoryData<string> Cases() => MimeCorpus.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void SevenBitMessage_ReadsBack(string name) => RoundTrip(MimeCorpus.Build(name), international: false);

    [Theory]
    [MemberData(nameof(Cases))]
    public void InternationalMessage_ReadsBack(string name) => RoundTrip(MimeCorpus.Build(name), international: true);

    [Fact]
    public void BodyBuilderMessage_WithRfc2231FileNames_AndEncodedSubject_ReadsBack()
    {
        var message = new MimeMessage(TimeProvider.System)
        {
            Subject = "Spółdzielnie pracy — Rapport annuel 2021 — Perché è così? Ελληνικά 🎉",
        };
        message.From.Add(new MailboxAddress("Confederación Europea de Cooperativas", "news@cecop.coop"));
        message.To.Add(new MailboxAddress("Jan Kowalski", "jan.kowalski@example.pl"));
        message.Headers.Add("X-Cecop-Recipient", "1.2.0123456789");
        message.Headers.Add("List-Id", "CECOP Link <cecop-link.cecop.coop>");
        var builder = new BodyBuilder
        {
            TextBody = "Dzień dobry! Zażółć gęślą jaźń.\nBonjour, l'été à Bruxelles.\nΚαλημέρα.\n",
            HtmlBody = "<p>Dzień dobry! <b>Zażółć</b> gęślą jaźń.</p>",
        };
        builder.Attachments.Add("Sprawozdanie roczne — Łódź 2021 z bardzo długą nazwą pliku, żeby było ciągnięte.pdf", Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray());
        builder.Attachments.Add("données.csv", "nom;ville\r\nAna;Madrid\r\n"u8.ToArray());
        message.Body = builder.ToMessageBody();

        RoundTrip(message, international: false);
        RoundTrip(message, international: true);
    }

    [Fact]
    public void EmbeddedMessage_IsWrittenAndReadBack()
    {
        var inner = new MimeMessage(TimeProvider.System) { Subject = "Original — été", MessageId = "m1.s2.x@cecop.coop" };
        inner.From.Add(new MailboxAddress("CECOP Link", "link@cecop.coop"));
        inner.To.Add(new MailboxAddress("Ana López", "ana.lopez@example.org"));
        inner.Headers.Add("X-Cecop-Recipient", "1.2.0123456789");
        inner.Body = new BodyBuilder { TextBody = "Querida Ana,\nbienvenida.\n" }.ToMessageBody();
        var outer = new MimeMessage(TimeProvider.System) { Subject = "Fwd: Original — été" };
        outer.From.Add(new MailboxAddress(null, "postmaster@example.org"));
        outer.To.Add(new MailboxAddress(null, "bounce+1.2.0123456789@bounces.cecop.coop"));
        outer.Body = new Multipart("mixed") { new TextPart { Text = "See the attached message.\n" }, new MessagePart(inner) };

        var parsed = RoundTrip(outer, international: false);

        var embedded = Assert.IsType<MessagePart>(((Multipart)parsed.Body!)[1]).Message!;
        Assert.Equal("Original — été", embedded.Subject);
        Assert.Equal("m1.s2.x@cecop.coop", embedded.MessageId);
        Assert.Equal("1.2.0123456789", embedded.Headers["X-Cecop-Recipient"]);
        Assert.Equal("Querida Ana,\r\nbienvenida.\r\n", embedded.TextBody);
    }

    private static MimeMessage RoundTrip(MimeMessage message, bool international)
    {
        message.Prepare(international ? EncodingConstraint.EightBit : EncodingConstraint.SevenBit);
        using var stream = new MemoryStream();
        message.WriteTo(new FormatOptions { International = international }, stream);
        var wire = Encoding.UTF8.GetString(stream.ToArray());
        stream.Position = 0;
        var parsed = MimeMessage.Load(stream);

        Assert.Equal(message.Subject, parsed.Subject);
        Assert.Equal(message.MessageId, parsed.MessageId);
        Assert.Equal(message.Date.ToUnixTimeSeconds(), parsed.Date.ToUnixTimeSeconds());
        AssertAddresses(message.From, parsed.From);
        AssertAddresses(message.To, parsed.To);
        AssertAddresses(message.Cc, parsed.Cc);
        AssertAddresses(message.ReplyTo, parsed.ReplyTo);
        foreach (var header in message.Headers)
            Assert.Equal(header.Value, parsed.Headers[header.Field]);

        var ours = Walk(message.Body!).ToList();
        var back = Walk(parsed.Body!).ToList();
        Assert.Equal(ours.Count, back.Count);
        for (var i = 0; i < ours.Count; i++)
        {
            var (a, b) = (ours[i], back[i]);
            Assert.Equal(a.ContentType.MimeType, b.ContentType.MimeType);
            Assert.Equal(a.ContentId, b.ContentId);
            Assert.Equal(a.ContentDisposition?.Disposition, b.ContentDisposition?.Disposition);
            Assert.Equal(a.ContentType.Charset, b.ContentType.Charset);
            if (a is Multipart ma)
                Assert.Equal(ma.Boundary, ((Multipart)b).Boundary);
            if (a is MimePart pa)
            {
                var pb = Assert.IsAssignableFrom<MimePart>(b);
                Assert.Equal(pa.FileName, pb.FileName);
                if (a is TextPart ta && !a.IsAttachment)
                {
                    var expected = ta.Text + (a == message.Body && !ta.Text.EndsWith('\n') ? "\r\n" : "");
                    Assert.True(expected == ((TextPart)b).Text, $"text of part {i} differs\n{wire}");
                }
                else
                    Assert.Equal(Convert.ToHexString(pa.Content!.Data.Span), Convert.ToHexString(pb.Content!.Data.Span));
            }
        }
        return parsed;
    }

    private static void AssertAddresses(InternetAddressList expected, InternetAddressList actual)
    {
        var a = expected.Mailboxes.ToList();
        var b = actual.Mailboxes.ToList();
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Name, b[i].Name);
            Assert.Equal(a[i].GetAddress(true), b[i].GetAddress(true));
        }
    }

    private static IEnumerable<MimeEntity> Walk(MimeEntity entity)
    {
        yield return entity;
        if (entity is Multipart multipart)
        {
            foreach (var child in multipart)
            {
                foreach (var e in Walk(child))
                    yield return e;
            }
        }
    }
}
