using CecopComms.Delivery.Bounces;
using MimeKit;

namespace CecopComms.Tests.Mail.Bounces;

/// <summary>Every sample in tests/Samples/Bounces, parsed by MimeKit, is classified by BounceParser as its README.md says.</summary>
public class BounceSampleTests
{
    private const string Verp = "bounce+1.2.0123456789@bounces.cecop.coop";
    private const string Tag = "1.2.0123456789";

    public sealed record Expected(BounceMessageType Type, string? Recipient, string? Action, string? Status, BounceKind? Kind, string? OriginalMessageId, bool HasOriginal);

    /// <summary>The table of tests/Samples/Bounces/README.md.</summary>
    public static readonly Dictionary<string, Expected> Table = new()
    {
        ["postfix-user-unknown.eml"] = new(BounceMessageType.DeliveryStatus, "ana.lopez@example.org", "failed", "5.1.1", BounceKind.Hard, "m1.s2.x@cecop.coop", true),
        ["postfix-mailbox-full.eml"] = new(BounceMessageType.DeliveryStatus, "marco.rossi@example.it", "delayed", "4.2.2", BounceKind.Soft, "m1.s3.x@cecop.coop", true),
        ["exim-user-unknown.eml"] = new(BounceMessageType.DeliveryStatus, "jan.kowalski@example.pl", "failed", "5.1.1", BounceKind.Hard, "m1.s4.x@cecop.coop", true),
        ["qmail-bounce.eml"] = new(BounceMessageType.DeliveryStatus, "piotr.nowak@example.net", "failed", "5.1.1", BounceKind.Hard, "m1.s5.x@cecop.coop", true),
        ["gmail-no-such-user.eml"] = new(BounceMessageType.DeliveryStatus, "luca.bianchi@example.it", "failed", "5.1.1", BounceKind.Hard, "m1.s6.x@cecop.coop", true),
        ["outlook-exchange-ndr.eml"] = new(BounceMessageType.DeliveryStatus, "pieter.jansen@example.nl", "failed", "5.1.10", BounceKind.Hard, "m1.s7.x@cecop.coop", true),
        ["yahoo-or-other-soft.eml"] = new(BounceMessageType.DeliveryStatus, "eva.novak@example.com", "delayed", "4.7.0", BounceKind.Soft, "m1.s8.x@cecop.coop", true),
        ["vacation-auto-reply.eml"] = new(BounceMessageType.AutoReply, null, null, null, null, "m1.s9.x@cecop.coop", false),
        ["plain-reply.eml"] = new(BounceMessageType.NotABounce, null, null, null, null, null, false),
    };

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var name in Table.Keys)
            data.Add(name);
        return data;
    }

    [Fact]
    public void EverySampleFile_IsInTheTable_AndInTheReadme()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Samples", "Bounces");
        var files = Directory.GetFiles(folder, "*.eml").Select(f => Path.GetFileName(f)).Order().ToList();
        Assert.Equal(Table.Keys.Order().ToList(), files);
        var readme = File.ReadAllText(Path.Combine(folder, "README.md"));
        foreach (var (file, expected) in Table)
        {
            var row = readme.Split('\n').Single(l => l.StartsWith("| " + file + " |", StringComparison.Ordinal));
            Assert.Contains("| " + expected.Type + " |", row);
            if (expected.Recipient is not null)
                Assert.Contains($"| {expected.Recipient} | {expected.Action} | {expected.Status} | {expected.Kind} | {expected.OriginalMessageId} |", row);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Sample_IsClassifiedAsDocumented(string file)
    {
        var expected = Table[file];
        await using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Samples", "Bounces", file));
        var message = await MimeMessage.LoadAsync(stream);

        var report = BounceParser.Parse(message);

        Assert.Equal(expected.Type, report.Type);
        Assert.Equal(expected.OriginalMessageId, report.OriginalMessageId);
        if (expected.Recipient is null)
            Assert.Empty(report.Recipients);
        else
        {
            var recipient = Assert.Single(report.Recipients);
            Assert.Equal(expected.Recipient, recipient.FinalRecipient);
            Assert.Equal(expected.Action, recipient.Action);
            Assert.Equal(expected.Status, recipient.Status);
            Assert.Equal(expected.Kind, recipient.Kind);
            Assert.False(string.IsNullOrWhiteSpace(recipient.DiagnosticCode));
            Assert.Contains(expected.Status!, recipient.DiagnosticCode + " " + recipient.Status);
        }
        Assert.Equal(expected.HasOriginal ? [Verp, Tag] : [Verp], report.ReturnAddresses);
        if (expected.HasOriginal)
        {
            Assert.NotNull(report.OriginalHeaders);
            Assert.Equal(Tag, report.OriginalHeaders!["X-Cecop-Recipient"]);
            Assert.Equal("<" + expected.OriginalMessageId + ">", report.OriginalHeaders["Message-ID"]);
        }
        else
            Assert.Null(report.OriginalHeaders);
    }
}
