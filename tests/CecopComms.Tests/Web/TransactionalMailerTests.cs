using CecopComms.Web;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Tests.Web;

/// <summary>Transactional mail: From, Message-ID, escaped data in HTML, headers without line breaks, sent through the transport.</summary>
public sealed class TransactionalMailerTests : IDisposable
{
    private readonly CecopWebFactory _factory = new();

    [Fact]
    public async Task It_escapes_data_in_html_strips_line_breaks_from_headers_and_comes_from_the_newsletter()
    {
        var mailer = _factory.Services.GetRequiredService<TransactionalMailer>();
        var mail = new TransactionalMail("confirm", "ana@example.org", "Ana\r\nBcc: victim@example.org", "Confirm\r\nBcc: victim@example.org",
            new { name = "Ana", listName = "<script>alert(1)</script>", confirmUrl = "https://cecop.example/confirm/x", expires = "2026-11-25 10:30" });

        var message = await mailer.ComposeAsync(mail, CancellationToken.None);

        Assert.Equal(("CECOP Newsletter", "newsletter@cecop.coop"), (message.From.Mailboxes.Single().Name, message.From.Mailboxes.Single().Address));
        Assert.Equal("Confirm  Bcc: victim@example.org", message.Subject);
        Assert.Empty(message.Bcc);
        Assert.DoesNotContain('\n', message.To.ToString());
        Assert.EndsWith("@cecop.example", message.MessageId);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", message.HtmlBody);
        Assert.DoesNotContain("<script>", message.HtmlBody);
        Assert.Contains("<script>alert(1)</script>", message.TextBody);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);

        var result = await mailer.SendAsync(mail, CancellationToken.None);
        Assert.Equal(CecopComms.Delivery.OutcomeKind.Sent, result.Kind);
        Assert.Contains(_factory.OutboxMessages(), m => m.Contains("Delivered-To: ana@example.org"));
    }

    [Fact]
    public async Task Web_FromAddress_replaces_the_publications_sender()
    {
        _factory.Settings["Web:FromAddress"] = "no-reply@cecop.example";
        _factory.Settings["Web:FromName"] = "CECOP";

        var message = await _factory.Services.GetRequiredService<TransactionalMailer>().ComposeAsync(
            new TransactionalMail("confirm", "ana@example.org", null, "Confirm", new { listName = "x", confirmUrl = "x", expires = "x" }), CancellationToken.None);

        Assert.Equal(("CECOP", "no-reply@cecop.example"), (message.From.Mailboxes.Single().Name, message.From.Mailboxes.Single().Address));
    }

    [Theory]
    [InlineData(null, null, "Hello,", "CECOP&#39;s member organisations. Open")]
    [InlineData("", "", "Hello,", "CECOP&#39;s member organisations. Open")]
    [InlineData("Ana <b>", "Coop & Co", "Hello Ana &lt;b&gt;,", "such as Coop &amp; Co. Open")]
    public async Task The_login_mail_leaves_out_an_empty_name_and_organisation_and_escapes_them_otherwise(string? name, string? organisation, string hello, string such)
    {
        var message = await _factory.Services.GetRequiredService<TransactionalMailer>().ComposeAsync(
            new TransactionalMail("member-login", "ana@example.org", null, "Your login link", new { name, organisation, loginUrl = "https://cecop.example/l/x", minutes = "15" }, "cecop-link"),
            CancellationToken.None);

        Assert.Contains($"<p>{hello}</p>", message.HtmlBody);
        Assert.Contains(such, message.HtmlBody);
        Assert.StartsWith(System.Net.WebUtility.HtmlDecode(hello), message.TextBody);
    }

    public void Dispose() => _factory.Dispose();
}
