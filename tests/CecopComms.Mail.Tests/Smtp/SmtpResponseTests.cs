using CecopComms.Mail.Smtp;

namespace CecopComms.Mail.Tests.Smtp;

public class SmtpResponseTests
{
    [Theory]
    [InlineData("5.1.1 No such user", "5.1.1")]
    [InlineData("4.2.2", "4.2.2")]
    [InlineData("2.0.0 Ok: queued as 12", "2.0.0")]
    [InlineData("5.100.999 odd but valid", "5.100.999")]
    [InlineData("Ok", null)]
    [InlineData("3.1.1 not a class", null)]
    [InlineData("5.1.1234 too long", null)]
    [InlineData("5.1 short", null)]
    public void Finds_the_enhanced_status_code(string text, string? expected) =>
        Assert.Equal(expected, new SmtpResponse(SmtpStatusCode.Ok, text).EnhancedStatusCode);
}
