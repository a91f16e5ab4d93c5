using CecopComms.Mail.Mime;
using CecopComms.Mail.Smtp;

namespace CecopComms.Mail.Tests.Smtp;

/// <summary>How a MimeMessage becomes MAIL FROM and RCPT TO, replayed against recorded servers.</summary>
public class EnvelopeTranscriptTests
{
    [Fact]
    public async Task International_recipient_uses_smtputf8_and_recipients_are_deduplicated()
    {
        var (client, replay) = await ReplayStream.ConnectAsync("envelope_smtputf8");
        var message = AiosmtpdInteropTests.Newsletter("josé@exämple.org");
        message.Cc.Add(new MailboxAddress("Ana", "ana@example.org"));
        message.Bcc.Add(new MailboxAddress(null, "ANA@example.org"));
        message.Bcc.Add(new MailboxAddress(null, "audit@example.net"));

        var e = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(message));

        Assert.Equal(SmtpErrorCode.MessageNotAccepted, e.ErrorCode);
        Assert.Equal(SmtpStatusCode.TransactionFailed, e.StatusCode);
        replay.AssertComplete();
    }

    [Fact]
    public async Task Without_smtputf8_the_sender_header_leads_and_the_domain_is_punycoded()
    {
        var (client, replay) = await ReplayStream.ConnectAsync("envelope_ascii");
        var message = AiosmtpdInteropTests.Newsletter("ana@exämple.org");
        message.Sender = new MailboxAddress(null, "bounce@example.coop");

        await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(message));
        await client.NoOpAsync();

        replay.AssertComplete();
    }

    [Fact]
    public async Task Non_ascii_local_part_without_smtputf8_is_refused_before_anything_is_sent()
    {
        var (client, replay) = await ReplayStream.ConnectAsync("size_measured");
        var message = AiosmtpdInteropTests.Newsletter("josé@example.org");

        var e = await Assert.ThrowsAsync<NotSupportedException>(() => client.SendAsync(message));

        Assert.Contains("josé@example.org", e.Message);
        Assert.Contains("SMTPUTF8", e.Message);
        await client.NoOpAsync();
        replay.AssertComplete();
    }

    [Fact]
    public async Task Message_over_the_servers_SIZE_is_measured_and_refused_locally()
    {
        var (client, replay) = await ReplayStream.ConnectAsync("size_measured");

        var e = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(AiosmtpdInteropTests.Newsletter("ana@example.org")));

        Assert.Equal(SmtpStatusCode.ExceededStorageAllocation, e.StatusCode);
        Assert.Contains("500 bytes", e.Message);
        await client.NoOpAsync();
        replay.AssertComplete();
    }

    [Fact]
    public async Task Message_without_recipients_is_refused_before_anything_is_sent()
    {
        var (client, replay) = await ReplayStream.ConnectAsync("size_measured");
        var message = AiosmtpdInteropTests.Newsletter("ana@example.org");
        message.To.Clear();

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(message));
        await client.NoOpAsync();
        replay.AssertComplete();
    }
}
