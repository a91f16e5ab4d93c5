using System.Text;
using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Tests.Mime;

/// <summary>Header-level reading: encoded words, RFC 2231 parameters, dates, charsets of text parts, status groups.</summary>
public class ParserHeaderTests
{
    private static MimeMessage Load(string text, Encoding? encoding = null) =>
        MimeMessage.Load(new MemoryStream((encoding ?? Encoding.UTF8).GetBytes(text)));

    [Theory]
    [InlineData("=?utf-8?q?caf=C3=A9?= =?utf-8?q?_cr=C3=A8me?=", "café crème")]
    [InlineData("=?utf-8?q?a?==?utf-8?q?b?=", "ab")]
    [InlineData("=?utf-8?b?4oK=?= =?utf-8?b?rA==?=", "€")]
    [InlineData("=?ISO-8859-1?Q?Jos=E9?= Núñez", "José Núñez")]
    [InlineData("=?iso-8859-15?q?=A4?= and =?windows-1252?q?=80?=", "€ and €")]
    [InlineData("=?utf-8*it?q?ciao?=", "ciao")]
    [InlineData("=?x-unknown?q?abc?= stays", "=?x-unknown?q?abc?= stays")]
    [InlineData("=?utf-8?q?not closed", "=?utf-8?q?not closed")]
    [InlineData("Re: =?UTF-8?B?0JfQtNGA0LDQstC10LnRgtC1?=", "Re: Здравейте")]
    [InlineData("=?utf-8?q?line=0Abreak?=", "line break")]
    public void EncodedWords_InTheSubject_AreDecoded(string raw, string expected) =>
        Assert.Equal(expected, Load($"Subject: {raw}\n\n").Subject);

    [Fact]
    public void FoldedHeaders_AreUnfolded_KeepingTheBlank()
    {
        var message = Load("Subject: a long\r\n\tsubject\r\nX-Long: one\r\n  two\r\n\r\n");
        Assert.Equal("a long\tsubject", message.Subject);
        Assert.Equal("one  two", message.Headers["X-Long"]);
    }

    [Theory]
    [InlineData("attachment; filename*=iso-8859-1'fr'r%E9sum%E9.txt", "résumé.txt")]
    [InlineData("attachment; filename*1=\"b.txt\"; filename*0=\"a\"", "ab.txt")]
    [InlineData("attachment; filename*0*=utf-8''%C5%81%C3%B3d%C5%BA; filename*1=\" 2021\"; filename*2*=.pdf", "Łódź 2021.pdf")]
    [InlineData("attachment; filename=\"a \\\"quoted\\\" name.pdf\"", "a \"quoted\" name.pdf")]
    [InlineData("attachment; filename=annual report.pdf", "annual report.pdf")]
    [InlineData("attachment (a comment); filename=x.pdf (another)", "x.pdf")]
    [InlineData("attachment; filename=\"plain.pdf\"; filename*=utf-8''pr%C3%A9f%C3%A9r%C3%A9.pdf", "préféré.pdf")]
    public void DispositionParameters_FollowRfc2231(string disposition, string fileName)
    {
        var message = Load($"Subject: s\nContent-Type: application/pdf\nContent-Disposition: {disposition}\n\nx");
        var part = Assert.IsAssignableFrom<MimePart>(message.Body);
        Assert.Equal(fileName, part.FileName);
        Assert.True(part.IsAttachment);
    }

    [Theory]
    [InlineData("Tue, 15 Jun 2021 10:02:14 +0200 (CEST)", "2021-06-15T10:02:14+02:00")]
    [InlineData("15 Jun 2021 08:04:30 -0000", "2021-06-15T08:04:30+00:00")]
    [InlineData("Tue, 15 Jun 21 10:02 GMT", "2021-06-15T10:02:00+00:00")]
    [InlineData("Tue,  1 Jun 1999 23:59:59 EST", "1999-06-01T23:59:59-05:00")]
    public void Dates_AreRead_WithObsoleteForms(string raw, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Load($"Date: {raw}\n\n").Date);

    [Fact]
    public void BadOrMissingDate_IsMinValue_AsInMimeKit()
    {
        Assert.Equal(DateTimeOffset.MinValue, Load("Date: someday\n\n").Date);
        Assert.Equal(DateTimeOffset.MinValue, Load("Subject: s\n\n").Date);
        Assert.Null(Load("Subject: s\n\n").MessageId);
    }

    [Theory]
    [InlineData("utf-8", "quoted-printable", "Gr=C3=BC=C3=9Fe =E2=82=AC=\n5", "Grüße €5")]
    [InlineData("iso-8859-1", "quoted-printable", "caf=E9", "café")]
    [InlineData("iso-8859-15", "quoted-printable", "=A4 50", "€ 50")]
    [InlineData("windows-1252", "quoted-printable", "=93quoted=94 =96 =80", "“quoted” – €")]
    [InlineData("us-ascii", "7bit", "plain", "plain")]
    [InlineData("utf-8", "base64", "w6nDqA==", "éè")]
    [InlineData("cp1252", "base64", "gA==", "€")]
    public void TextPart_DecodesTransferEncoding_AndCharset(string charset, string encoding, string body, string text)
    {
        var message = Load($"Subject: s\nContent-Type: text/plain; charset=\"{charset}\"\nContent-Transfer-Encoding: {encoding}\n\n{body}");
        Assert.Equal(text, message.TextBody);
    }

    [Fact]
    public void DeliveryStatus_GroupsAreSplitAtBlankLines_WithFoldedValues()
    {
        var message = Load("Subject: s\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\n\r\nFinal-Recipient: rfc822; a@example.org\r\nAction: failed\r\nDiagnostic-Code: smtp; 550 no\r\n  such user\r\n\r\nFinal-Recipient: rfc822; b@example.org\r\nAction: delayed\r\n");
        var status = Assert.IsType<MessageDeliveryStatus>(message.Body);
        Assert.Equal(3, status.StatusGroups.Count);
        Assert.Equal("dns; mx", status.StatusGroups[0]["Reporting-MTA"]);
        Assert.Equal("smtp; 550 no  such user", status.StatusGroups[1]["Diagnostic-Code"]);
        Assert.Equal("delayed", status.StatusGroups[2]["Action"]);
    }

    [Fact]
    public void MessageHeaders_GoToTypedProperties_AndTheRestToHeaders()
    {
        var message = Load("""
            Return-Path: <bounce+1.2.0123456789@bounces.cecop.coop>
            Received: from a by b; Tue, 15 Jun 2021 10:02:14 +0200
            From: =?utf-8?q?Ana_L=C3=B3pez?= <ana.lopez@example.org>
            Sender: list@cecop.coop
            Reply-To: "Rossi, Marco" <marco.rossi@example.it>
            To: a@example.org, Group: b@example.org, c@example.org;
            Cc: d@example.org
            Message-ID: <m1.s2.x@cecop.coop>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Language: es
            X-Cecop-Recipient: 1.2.0123456789

            Hola.
            """);
        Assert.Equal("Ana López", message.From.Mailboxes.Single().Name);
        Assert.Equal("list@cecop.coop", message.Sender!.Address);
        Assert.Equal("Rossi, Marco", message.ReplyTo.Mailboxes.Single().Name);
        Assert.Equal(["a@example.org", "b@example.org", "c@example.org"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("m1.s2.x@cecop.coop", message.MessageId);
        Assert.Equal(["Return-Path", "Received", "X-Cecop-Recipient"], message.Headers.Select(h => h.Field));
        Assert.Equal("es", message.Body!.Headers["Content-Language"]);
        Assert.Equal(12, message.ParsedHeaders!.Count);
        Assert.Equal("Hola.", message.TextBody);
    }

    [Fact]
    public async Task LoadAsync_ReadsTheSameMessage()
    {
        var bytes = Encoding.UTF8.GetBytes("Subject: async\r\n\r\nbody\r\n");
        var message = await MimeMessage.LoadAsync(new MemoryStream(bytes));
        Assert.Equal("async", message.Subject);
        Assert.Equal("body\r\n", message.TextBody);
        var parsed = new MimeParser(new MemoryStream(bytes)).ParseMessage();
        Assert.Equal("async", parsed.Subject);
    }
}
