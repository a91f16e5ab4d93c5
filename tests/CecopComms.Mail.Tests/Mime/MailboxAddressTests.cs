using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Tests.Mime;

public class MailboxAddressTests
{
    [Theory]
    [InlineData("ana@example.coop", null, "ana@example.coop")]
    [InlineData("  ana@example.coop  ", null, "ana@example.coop")]
    [InlineData("Ana López <ana@example.coop>", "Ana López", "ana@example.coop")]
    [InlineData("\"López, Ana\" <ana@example.coop>", "López, Ana", "ana@example.coop")]
    [InlineData("\"Say \\\"hi\\\"\" <a@b.example>", "Say \"hi\"", "a@b.example")]
    [InlineData("<ana@example.coop>", null, "ana@example.coop")]
    [InlineData("Ana (the boss) <ana@example.coop> (work)", "Ana", "ana@example.coop")]
    [InlineData("\"john doe\"@example.org", null, "\"john doe\"@example.org")]
    [InlineData("\"john\"@example.org", null, "john@example.org")]
    [InlineData("=?utf-8?q?Am=C3=A9lie?= <amelie@example.fr>", "Amélie", "amelie@example.fr")]
    [InlineData("=?utf-8?b?0JjQstCw0L0=?= =?utf-8?b?INCf0LXRgtGA0L7Qsg==?= <ivan@example.bg>", "Иван Петров", "ivan@example.bg")]
    [InlineData("J. R. R. Tolkien <jrr@example.org>", "J. R. R. Tolkien", "jrr@example.org")]
    [InlineData("user+tag@sub.example.org", null, "user+tag@sub.example.org")]
    [InlineData("o'brien@example.ie", null, "o'brien@example.ie")]
    [InlineData("info@bücher.example", null, "info@bücher.example")]
    [InlineData("用户@例子.广告", null, "用户@例子.广告")]
    [InlineData("root@[192.0.2.1]", null, "root@[192.0.2.1]")]
    [InlineData("postmaster@localhost", null, "postmaster@localhost")]
    public void Parse_AcceptsRfc5322Forms(string text, string? name, string address)
    {
        var mailbox = MailboxAddress.Parse(text);
        Assert.Equal(name, mailbox.Name);
        Assert.Equal(address, mailbox.Address);
        Assert.True(MailboxAddress.TryParse(text, out var again));
        Assert.Equal(address, again!.Address);
    }

    [Theory]
    [InlineData("ana.example.coop", "missing '@'")]
    [InlineData("Ana <ana.example.coop>", "missing '@'")]
    [InlineData("ana@x..y", "domain label is empty in 'x..y'")]
    [InlineData("ana@example.org.", "domain label is empty in 'example.org.'")]
    [InlineData("ana@", "missing domain after '@'")]
    [InlineData("@example.org", "the local part is empty")]
    [InlineData("ana@b@example.org", "more than one '@'")]
    [InlineData(".ana@example.org", "local part '.ana' has a misplaced '.'")]
    [InlineData("a..na@example.org", "local part 'a..na' has a misplaced '.'")]
    [InlineData("john doe@example.org", "unexpected ' ' in the local part (quote it)")]
    [InlineData("ana@-example.org", "domain label '-example' starts or ends with '-'")]
    [InlineData("ana@exa_mple.org", "domain 'exa_mple.org' holds the invalid character '_'")]
    [InlineData("Ana <ana@example.org", "missing '>' after the address")]
    [InlineData("\"ana@example.org", "unterminated quoted string")]
    [InlineData("ana@example.org, bob@example.org", "more than one address")]
    [InlineData("", "the address is empty")]
    [InlineData("Team: a@example.org;", "a group is not a mailbox")]
    public void Parse_RefusesWithTheReason(string text, string reason)
    {
        var e = Assert.Throws<ParseException>(() => MailboxAddress.Parse(text));
        Assert.Equal(reason, e.Message);
        Assert.False(MailboxAddress.TryParse(text, out var mailbox));
        Assert.Null(mailbox);
    }

    [Fact]
    public void Parse_RefusesOverlongParts()
    {
        Assert.Equal("local part over 64 characters", Assert.Throws<ParseException>(() => MailboxAddress.Parse(new string('a', 65) + "@example.org")).Message);
        var label = new string('d', 64);
        Assert.Equal($"domain label '{label}' is over 63 characters", Assert.Throws<ParseException>(() => MailboxAddress.Parse("a@" + label + ".org")).Message);
        var domain = string.Join('.', Enumerable.Repeat(new string('d', 60), 5));
        Assert.Equal("domain over 253 characters", Assert.Throws<ParseException>(() => MailboxAddress.Parse("a@" + domain)).Message);
        // 64 octets of UTF-8 is the limit, not 64 characters.
        Assert.Equal("local part over 64 characters", Assert.Throws<ParseException>(() => MailboxAddress.Parse(new string('é', 33) + "@example.org")).Message);
    }

    [Fact]
    public void Constructor_ValidatesTheAddress()
    {
        var mailbox = new MailboxAddress("Ana", "ana@example.coop");
        Assert.Equal("ana", mailbox.LocalPart);
        Assert.Equal("example.coop", mailbox.Domain);
        Assert.Equal("missing '@'", Assert.Throws<ParseException>(() => new MailboxAddress("Ana", "nobody")).Message);
        Assert.Throws<ParseException>(() => mailbox.Address = "x@y..z");
        Assert.Equal("ana@example.coop", mailbox.Address);
    }

    [Fact]
    public void IdnDomain_IsUnicodeStoredAndPunycodeOnTheWire()
    {
        var mailbox = new MailboxAddress(null, "info@bücher.example");
        Assert.True(mailbox.IsInternational);
        Assert.Equal("info@xn--bcher-kva.example", mailbox.GetAddress(true));
        Assert.Equal("info@bücher.example", mailbox.GetAddress(false));
        var ascii = MailboxAddress.Parse("info@xn--bcher-kva.example");
        Assert.False(ascii.IsInternational);
        Assert.Equal("info@bücher.example", ascii.GetAddress(false));
        Assert.Equal("info@xn--bcher-kva.example", ascii.GetAddress(true));
    }

    [Fact]
    public void UnicodeLocalPart_IsInternationalAndKeptOnTheWire()
    {
        var mailbox = new MailboxAddress(null, "José@example.es");
        Assert.True(mailbox.IsInternational);
        Assert.Equal("José@example.es", mailbox.GetAddress(true));
    }

    [Fact]
    public void QuotedLocalPart_KeepsItsQuotes()
    {
        var mailbox = MailboxAddress.Parse("\"john doe\"@example.org");
        Assert.Equal("\"john doe\"", mailbox.LocalPart);
        Assert.Equal("example.org", mailbox.Domain);
        Assert.Equal("\"john doe\"@example.org", mailbox.GetAddress(true));
    }

    [Fact]
    public void ToString_QuotesNamesThatNeedIt()
    {
        Assert.Equal("\"Doe, John\" <john@example.org>", new MailboxAddress("Doe, John", "john@example.org").ToString());
        Assert.Equal("Ana López <ana@example.coop>", new MailboxAddress("Ana López", "ana@example.coop").ToString());
        Assert.Equal("bare@example.org", new MailboxAddress(null, "bare@example.org").ToString());
    }

    [Fact]
    public void AddressList_ParsesMailboxesAndGroups()
    {
        var list = InternetAddressList.Parse("Ana <ana@example.coop>, Team: a@example.org, \"B\" <b@example.org>;, c@example.org");
        Assert.Equal(3, list.Count);
        Assert.IsType<GroupAddress>(list[1]);
        Assert.Equal(["ana@example.coop", "a@example.org", "b@example.org", "c@example.org"], list.Mailboxes.Select(m => m.Address));
        Assert.False(InternetAddressList.TryParse("a@example.org, nope", out _));
    }
}
