using CecopComms.Audience;

namespace CecopComms.Tests.Import;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("  Maria.Rossi@Legacoop.IT ", "Maria.Rossi@legacoop.it", "maria.rossi@legacoop.it")]
    [InlineData("o'brien+news@coop.ie", "o'brien+news@coop.ie", "o'brien+news@coop.ie")]
    [InlineData("jan@SPÓŁDZIELNIA.pl", "jan@spółdzielnia.pl", "jan@xn--spdzielnia-hbb26g.pl")]
    [InlineData("\"john doe\"@example.org", "\"john doe\"@example.org", "\"john doe\"@example.org")]
    [InlineData("\"a@b\"@example.org", "\"a@b\"@example.org", "\"a@b\"@example.org")]
    [InlineData("José@Cooperativa.ES", "José@cooperativa.es", "josé@cooperativa.es")]
    public void Accepts_and_normalises(string input, string email, string key)
    {
        Assert.True(EmailAddress.TryNormalise(input, out var normalised, out var reason), reason);
        Assert.Equal(new NormalisedEmail(email, key), normalised);
    }

    [Theory]
    [InlineData("", "the address is empty")]
    [InlineData("maria.legacoop.it", "the address has no '@'")]
    [InlineData("@legacoop.it", "the address has nothing before the '@'")]
    [InlineData("maria@", "the address has nothing after the '@'")]
    [InlineData("maria@exa mple.org", "the domain 'exa mple.org' contains a space")]
    [InlineData("maria@localhost", "the domain 'localhost' has no dot")]
    [InlineData("maria@example..org", "the domain 'example..org' has two dots in a row")]
    [InlineData("maria@example.org.", "the domain 'example.org.' ends with a dot")]
    [InlineData("maria@-example.org", "the domain '-example.org' is not a valid host name (letters, digits and inner hyphens only, labels of at most 63 characters)")]
    [InlineData("maria@ex_ample.org", "the domain 'ex_ample.org' is not a valid host name (letters, digits and inner hyphens only, labels of at most 63 characters)")]
    [InlineData("maria@[192.168.0.1]", "the domain '[192.168.0.1]' is an address literal, which is not accepted")]
    [InlineData("maria@192.168.0.1", "the domain '192.168.0.1' ends in a number, which is not a top-level domain")]
    [InlineData("ma ria@example.org", "the part before the '@' ('ma ria') contains a space")]
    [InlineData(".maria@example.org", "the part before the '@' ('.maria') starts with a dot")]
    [InlineData("maria.@example.org", "the part before the '@' ('maria.') ends with a dot")]
    [InlineData("ma..ria@example.org", "the part before the '@' ('ma..ria') has two dots in a row")]
    [InlineData("ma(ria@example.org", "the part before the '@' ('ma(ria') contains '(', which is only allowed inside quotes")]
    [InlineData("a@b@example.org", "the address has more than one '@' (quote the part before the last one if that is intended)")]
    [InlineData("\"maria@example.org", "the quoted part before the '@' (\"maria) is not closed by a '\"'")]
    public void Rejects_with_a_sentence(string input, string expected)
    {
        Assert.False(EmailAddress.TryNormalise(input, out var normalised, out var reason));
        Assert.Null(normalised);
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void Enforces_lengths()
    {
        Assert.True(EmailAddress.TryNormalise(new string('a', 64) + "@example.org", out _, out _));
        Assert.False(EmailAddress.TryNormalise(new string('a', 65) + "@example.org", out _, out var local));
        Assert.Equal("the part before the '@' is longer than 64 characters", local);
        var longDomain = string.Join('.', Enumerable.Repeat(new string('d', 61), 4)) + ".org";
        Assert.False(EmailAddress.TryNormalise("maria@" + longDomain, out _, out var total));
        Assert.Equal("the address is longer than 254 characters", total);
    }
}
