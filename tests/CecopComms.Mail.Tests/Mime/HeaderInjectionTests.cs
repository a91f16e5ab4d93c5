using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Tests.Mime;

/// <summary>CR or LF in any value that reaches a header is refused, and the message names the header.</summary>
public class HeaderInjectionTests
{
    public static TheoryData<string> Injections() => new() { "x\r\nBcc: victim@example.org", "x\nBcc: v@example.org", "x\rY", "x\0y" };

    [Theory]
    [MemberData(nameof(Injections))]
    public void Subject_IsRefused(string value)
    {
        var message = new MimeMessage(TimeProvider.System);
        var e = Assert.Throws<ArgumentException>(() => message.Subject = value);
        Assert.Contains("'Subject'", e.Message, StringComparison.Ordinal);
        Assert.Null(message.Subject);
    }

    [Theory]
    [MemberData(nameof(Injections))]
    public void HeadersAdd_IsRefusedNamingTheHeader(string value)
    {
        var headers = new HeaderList();
        var e = Assert.Throws<ArgumentException>(() => headers.Add("List-Unsubscribe", value));
        Assert.Contains("'List-Unsubscribe'", e.Message, StringComparison.Ordinal);
        Assert.Empty(headers);
        Assert.Contains("'X-Campaign'", Assert.Throws<ArgumentException>(() => headers["X-Campaign"] = value).Message, StringComparison.Ordinal);
        headers.Add("X-Ok", "fine");
        Assert.Contains("'X-Ok'", Assert.Throws<ArgumentException>(() => headers[0].Value = value).Message, StringComparison.Ordinal);
        Assert.Contains("'X-New'", Assert.Throws<ArgumentException>(() => new Header("X-New", value)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Injections))]
    public void DisplayNames_AreRefused(string value)
    {
        Assert.Contains("display name", Assert.Throws<ArgumentException>(() => new MailboxAddress(value, "a@example.org")).Message, StringComparison.Ordinal);
        var mailbox = new MailboxAddress("Ok", "a@example.org");
        Assert.Throws<ArgumentException>(() => mailbox.Name = value);
        Assert.Equal("Ok", mailbox.Name);
    }

    [Theory]
    [MemberData(nameof(Injections))]
    public void ParameterValuesAndIds_AreRefused(string value)
    {
        var part = new MimePart("application", "pdf");
        Assert.Contains("filename", Assert.Throws<ArgumentException>(() => part.FileName = value).Message, StringComparison.Ordinal);
        Assert.Contains("charset", Assert.Throws<ArgumentException>(() => part.ContentType.Charset = value).Message, StringComparison.Ordinal);
        Assert.Contains("Content-Id", Assert.Throws<ArgumentException>(() => part.ContentId = value).Message, StringComparison.Ordinal);
        Assert.Contains("Message-Id", Assert.Throws<ArgumentException>(() => new MimeMessage(TimeProvider.System).MessageId = value).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonAsciiIds_AreRefused()
    {
        Assert.Contains("non-ASCII", Assert.Throws<ArgumentException>(() => new MimeMessage(TimeProvider.System).MessageId = "x@bücher.example").Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new MimePart().ContentId = "ü@example.org");
    }

    [Fact]
    public void FieldNames_MustBeValid()
    {
        Assert.Throws<ArgumentException>(() => new HeaderList().Add("Bad Name", "v"));
        Assert.Throws<ArgumentException>(() => new HeaderList().Add("Bad:Name", "v"));
        Assert.Throws<ArgumentException>(() => new HeaderList().Add("", "v"));
    }

    [Theory]
    [InlineData("Subject")]
    [InlineData("bcc")]
    [InlineData("From")]
    [InlineData("Content-Type")]
    [InlineData("MIME-Version")]
    public void PropertyOwnedHeaders_InTheFreeList_AreRefusedAtWrite(string field)
    {
        var message = new MimeMessage(TimeProvider.System) { Body = new TextPart { Text = "x" } };
        message.From.Add(new MailboxAddress(null, "a@example.org"));
        message.Headers.Add(field, "b@example.org");
        var e = Assert.Throws<InvalidOperationException>(() => message.WriteTo(FormatOptions.Default, new MemoryStream()));
        Assert.Contains(field, e.Message, StringComparison.Ordinal);
    }
}
