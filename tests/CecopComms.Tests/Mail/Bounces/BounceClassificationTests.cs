using System.Text;
using CecopComms.Delivery.Bounces;
using MimeKit;

namespace CecopComms.Tests.Mail.Bounces;

/// <summary>The rules behind hard, soft, auto-reply and not-a-bounce, on small hand-written reports parsed by MimeKit.</summary>
public class BounceClassificationTests
{
    private static BounceReport Parse(string text) => BounceParser.Parse(MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(text))));

    [Theory]
    [InlineData("failed", "5.1.1", "550 5.1.1 User unknown", BounceKind.Hard)]
    [InlineData("failed", "5.2.2", "552 5.2.2 Mailbox full", BounceKind.Soft)]
    [InlineData("delayed", "4.2.2", "452 4.2.2 Over quota", BounceKind.Soft)]
    [InlineData("failed", "5.0.0", "552 Requested mail action aborted: exceeded storage allocation", BounceKind.Soft)]
    [InlineData("delayed", null, null, BounceKind.Soft)]
    [InlineData("failed", "4.7.0", "421 4.7.0 Try again later", BounceKind.Soft)]
    [InlineData("failed", "5.7.1", "550 5.7.1 Message rejected as spam", BounceKind.Hard)]
    [InlineData("failed", null, "The mailbox does not exist", BounceKind.Hard)]
    [InlineData("failed", null, "No such user here", BounceKind.Hard)]
    [InlineData("failed", null, "Greylisted, please come back later", BounceKind.Soft)]
    [InlineData("failed", null, "The server is temporarily unavailable", BounceKind.Soft)]
    [InlineData("failed", null, "451 local error in processing", BounceKind.Soft)]
    [InlineData("failed", null, "554 rejected", BounceKind.Hard)]
    [InlineData("failed", null, null, BounceKind.Hard)]
    public void Kind_FollowsStatus_ThenTheServersWords(string action, string? status, string? diagnostic, BounceKind kind) =>
        Assert.Equal(kind, BounceParser.Classify(action, status, diagnostic));

    private const string Report = """
        From: MAILER-DAEMON@mail.cecop.coop (Mail Delivery System)
        To: bounce+1.2.0123456789@bounces.cecop.coop
        Subject: Delivery report
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="r"

        --r
        Content-Type: text/plain

        Report.
        --r
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mail.cecop.coop

        Final-Recipient: rfc822; ok@example.org
        Action: delivered
        Status: 2.0.0

        Final-Recipient: rfc822; relayed@example.org
        Action: relayed
        Status: 2.0.0

        Final-Recipient: rfc822; <gone@example.org>
        Action: failed
        Status: 5.1.1

        Final-Recipient: rfc822; full@example.org
        Status: 4.2.2
        Diagnostic-Code: smtp; 452 4.2.2 Mailbox full

        --r--
        """;

    [Fact]
    public void DeliveredRelayedAndExpanded_AreNotFailures()
    {
        var report = Parse(Report);
        Assert.Equal(BounceMessageType.DeliveryStatus, report.Type);
        Assert.Collection(report.Recipients,
            r => Assert.Equal(("gone@example.org", "failed", "5.1.1", BounceKind.Hard), (r.FinalRecipient!, r.Action, r.Status!, r.Kind)),
            r => Assert.Equal(("full@example.org", "delayed", "4.2.2", BounceKind.Soft), (r.FinalRecipient!, r.Action, r.Status!, r.Kind)));
        Assert.Null(report.OriginalHeaders);
        Assert.Equal(["bounce+1.2.0123456789@bounces.cecop.coop"], report.ReturnAddresses);
    }

    [Fact]
    public void ExchangeTextNdr_WithoutReportPart_IsReadFromItsText()
    {
        var report = Parse("""
            From: postmaster@example.nl
            To: bounce+1.2.0123456789@bounces.cecop.coop
            Subject: Undeliverable: CECOP Link
            Content-Type: text/plain; charset=us-ascii

            Delivery has failed to these recipients or groups:

            pieter.jansen@example.nl
            The e-mail address you entered couldn't be found.

            Diagnostic information for administrators:

            Generating server: ex01.example.nl

            pieter.jansen@example.nl
            #550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup ##
            Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'

            Original message headers:

            Message-ID: <m1.s7.x@cecop.coop>
            X-Cecop-Recipient: 1.2.0123456789
            """);
        Assert.Equal(BounceMessageType.DeliveryStatus, report.Type);
        var r = Assert.Single(report.Recipients);
        Assert.Equal(("pieter.jansen@example.nl", "5.1.10", BounceKind.Hard), (r.FinalRecipient!, r.Status!, r.Kind));
        Assert.Equal("550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", r.DiagnosticCode);
        Assert.Equal("m1.s7.x@cecop.coop", report.OriginalMessageId);
        Assert.Equal("1.2.0123456789", report.OriginalHeaders!["X-Cecop-Recipient"]);
        Assert.Equal(["bounce+1.2.0123456789@bounces.cecop.coop", "1.2.0123456789"], report.ReturnAddresses);
    }

    [Fact]
    public void RecognisedBounce_WithoutAReadableRecipient_StillReportsTheFailure()
    {
        var report = Parse("""
            From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>
            To: bounce+1.2.0123456789@bounces.cecop.coop
            Subject: Returned mail: see transcript for details

            The original message was received at Tue, 15 Jun 2021 10:02:11 +0200
            ----- Transcript of session follows -----
            552 5.2.2 Mailbox is full
            """);
        Assert.Equal(BounceMessageType.DeliveryStatus, report.Type);
        var r = Assert.Single(report.Recipients);
        Assert.Null(r.FinalRecipient);
        Assert.Equal(("5.2.2", BounceKind.Soft), (r.Status!, r.Kind));
        Assert.Equal(["bounce+1.2.0123456789@bounces.cecop.coop"], report.ReturnAddresses);
    }

    [Theory]
    [InlineData("Auto-Submitted: auto-replied", "Re: CECOP Link")]
    [InlineData("Auto-Submitted: auto-generated", "Notice")]
    [InlineData("X-Autoreply: yes", "CECOP Link")]
    [InlineData("X-Autorespond: CECOP Link", "CECOP Link")]
    [InlineData("Precedence: auto_reply", "CECOP Link")]
    [InlineData("X-Mailer: Outlook", "Automatic reply: CECOP Link")]
    [InlineData("X-Mailer: Outlook", "Out of Office: CECOP Link")]
    [InlineData("X-Mailer: x", "Abwesenheitsnotiz: CECOP Link")]
    [InlineData("X-Mailer: x", "Réponse automatique : CECOP Link")]
    [InlineData("X-Mailer: x", "Risposta automatica: CECOP Link")]
    [InlineData("X-Mailer: x", "Respuesta automática: CECOP Link")]
    [InlineData("X-Mailer: x", "Automatyczna odpowiedź: CECOP Link")]
    [InlineData("X-Mailer: x", "AW: Absence du bureau")]
    [InlineData("X-Mailer: x", "[Auto] Afwezig tot 1 juli")]
    public void AutomaticReplies_AreRecognised(string header, string subject)
    {
        var report = Parse($"From: someone@example.org\nTo: bounce+1.2.0123456789@bounces.cecop.coop\n{header}\nSubject: {subject}\nIn-Reply-To: <m1.s2.x@cecop.coop>\n\nI am away.\n");
        Assert.Equal(BounceMessageType.AutoReply, report.Type);
        Assert.Empty(report.Recipients);
        Assert.Equal("m1.s2.x@cecop.coop", report.OriginalMessageId);
    }

    [Theory]
    [InlineData("Auto-Submitted: no", "Re: CECOP Link")]
    [InlineData("X-Mailer: x", "Question about the absence policy in cooperatives")]
    [InlineData("X-Mailer: x", "Re: undelivered promises of the EU budget")]
    public void PersonsMessages_AreNotBounces(string header, string subject)
    {
        var report = Parse($"From: person@example.org\nTo: bounce+1.2.0123456789@bounces.cecop.coop\n{header}\nSubject: {subject}\n\nHello, a question.\n");
        Assert.Equal(BounceMessageType.NotABounce, report.Type);
        Assert.Empty(report.Recipients);
    }

    [Fact]
    public void ReturnAddresses_CollectEveryEnvelopeHeader_ButNotFailedRecipients()
    {
        var report = Parse("""
            From: MAILER-DAEMON@mx.example.org
            To: a@bounces.cecop.coop, B <b@bounces.cecop.coop>
            Delivered-To: c@bounces.cecop.coop
            X-Original-To: a@bounces.cecop.coop
            Envelope-To: d@bounces.cecop.coop
            X-Envelope-To: <e@bounces.cecop.coop>
            X-Failed-Recipients: final@example.org
            Subject: Mail delivery failed
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary=x

            --x
            Content-Type: text/rfc822-headers

            Return-Path: <f@bounces.cecop.coop>
            X-Cecop-Recipient: 9.9.tag
            Message-Id: <orig@cecop.coop>
            --x--
            """);
        Assert.Equal(["a@bounces.cecop.coop", "b@bounces.cecop.coop", "c@bounces.cecop.coop", "d@bounces.cecop.coop", "e@bounces.cecop.coop", "f@bounces.cecop.coop", "9.9.tag"], report.ReturnAddresses);
        Assert.Equal("orig@cecop.coop", report.OriginalMessageId);
        Assert.Equal("final@example.org", Assert.Single(report.Recipients).FinalRecipient);
    }
}
