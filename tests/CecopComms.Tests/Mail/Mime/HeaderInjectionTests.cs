using System.Text;
using System.Text.Json;
using CecopComms.Mail;
using MimeKit;

namespace CecopComms.Tests.Mail.Mime;

/// <summary>
/// CR and LF in subscriber data (a name) or in content (subject, sender and publication names) never make a header
/// of their own in what MimeKit writes for us: Python's email and MimeKit itself find exactly the composer's fields.
/// </summary>
public sealed class HeaderInjectionTests
{
    public static TheoryData<string> Injections() => new()
    {
        "Ana\r\nBcc: victim@example.org",
        "Ana\nBcc: victim@example.org",
        "Ana\rBcc: victim@example.org",
        "Ana\r\n\r\n<h1>a body of my own</h1>",
        "Ana\r\n Bcc: folded@example.org",
        "Ana\u0085Bcc: nel@example.org",
        "Ana\u2028Bcc: separator@example.org",
    };

    private static readonly string[] ComposedFields =
    [
        "Date", "Message-Id", "MIME-Version", "From", "Reply-To", "To", "Subject", "List-Id", "List-Unsubscribe", "List-Unsubscribe-Post",
        "X-Cecop-Recipient", "Content-Language", "Content-Type",
    ];

    [Theory]
    [MemberData(nameof(Injections))]
    public async Task Hostile_values_in_every_header_the_composer_fills_add_no_header(string hostile)
    {
        // The name goes into headers only here: what a template does with it in the body is the content engine's affair.
        var mailing = new Newsletters.Mailing("News for {name}", "<p>Dear reader</p>", "Dear reader\n", FromName: hostile, PublicationName: hostile);
        var message = Newsletters.Compose(mailing, Newsletters.Reader("ana@example.org", hostile));
        var data = Newsletters.Written(message);

        var root = await PythonEmail.ReadBackAsync(data);

        Assert.Equal(ComposedFields, root.GetProperty("headers").EnumerateArray().Select(h => h[0].GetString()));
        Assert.Equal("ana@example.org", Assert.Single(root.GetProperty("to").EnumerateArray()).GetProperty("address").GetString());
        Assert.Equal("link@cecop.example", Assert.Single(root.GetProperty("from").EnumerateArray()).GetProperty("address").GetString());
        Assert.DoesNotContain("\r\nBcc:", HeadersOf(data), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("<p>Dear reader</p>", PythonEmail.Text(root, "text/html").TrimEnd('\n'));
        var reread = MimeMessage.Load(new MemoryStream(data));
        Assert.Empty(reread.Bcc);
        // MimeKit files the Content-* fields under the body when it parses.
        Assert.Equal(ComposedFields.Order(), reread.Headers.Concat(reread.Body!.Headers).Select(h => h.Field).Order());
        Assert.Equal(3, root.GetProperty("parts").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Injections))]
    public async Task A_message_made_with_mail_messages_alone_keeps_its_fields_too(string hostile)
    {
        // What TransactionalMailer builds: MailMessages + MimeKit, names and subject cleaned as it cleans them.
        var message = MailMessages.Create(Infrastructure.TestClocks.At(), "cecop.example");
        message.From.Add(new MailboxAddress(CecopComms.Delivery.HeaderText.Clean(hostile), "link@cecop.example"));
        message.To.Add(new MailboxAddress(CecopComms.Delivery.HeaderText.Clean(hostile), "ana@example.org"));
        message.Subject = CecopComms.Delivery.HeaderText.Clean("Your sign-in link, " + hostile);
        message.Body = new TextPart("plain") { Text = "Sign in: https://cecop.example/login/abc\n" };
        message.Prepare(EncodingConstraint.SevenBit);

        var root = await PythonEmail.ReadBackAsync(Newsletters.Written(message));

        Assert.Equal(["Date", "Message-Id", "MIME-Version", "From", "To", "Subject", "Content-Type"],
            root.GetProperty("headers").EnumerateArray().Select(h => h[0].GetString()).Where(f => f != "Content-Transfer-Encoding"));
        Assert.StartsWith("Your sign-in link, Ana", root.GetProperty("subject").GetString());
    }

    private static string HeadersOf(byte[] data)
    {
        var text = Encoding.ASCII.GetString(data);
        return text[..(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 2)];
    }
}
