using CecopComms.Audience;

namespace CecopComms.Tests.Import;

public sealed class CountriesTests
{
    [Theory]
    [InlineData("IT", "IT")]
    [InlineData("it", "IT")]
    [InlineData("ITA", "IT")]
    [InlineData(" Italy ", "IT")]
    [InlineData("Italia", "IT")]
    [InlineData("België", "BE")]
    [InlineData("Belgique", "BE")]
    [InlineData("Polska", "PL")]
    [InlineData("Espana", "ES")]
    [InlineData("Bosnia and Herzegovina", "BA")]
    [InlineData("Czech Republic", "CZ")]
    [InlineData("UK", "GB")]
    [InlineData("EL", "GR")]
    [InlineData("Kosovo", "XK")]
    public void Recognises_codes_and_names(string input, string code)
    {
        Assert.True(Countries.TryNormalise(input, out var actual));
        Assert.Equal(code, actual);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Atlantis")]
    [InlineData("QQ")]
    [InlineData("CS")]
    public void Rejects_unknown(string input) => Assert.False(Countries.TryNormalise(input, out _));

    [Fact]
    public void Covers_every_EU_EEA_and_candidate_country()
    {
        var codes = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO CH AL BA GE MD ME MK RS TR UA XK GB AD MC SM VA BY RU"
            .Split(' ');
        Assert.All(codes, c => Assert.True(Countries.All.ContainsKey(c), c));
        Assert.True(Countries.All.Count >= 245);
        Assert.Equal("Italy", Countries.Name("it"));
        Assert.Throws<ArgumentException>(() => Countries.Name("QQ"));
    }
}
