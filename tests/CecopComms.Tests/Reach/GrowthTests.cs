using System.Globalization;
using CecopComms.Reach.Reports;

namespace CecopComms.Tests.Reach;

/// <summary>Growth is rounded to one decimal and written the report culture's way.</summary>
public sealed class GrowthTests
{
    [Theory]
    [InlineData(5426L, 5573L, "en-GB", "+2.7%")]
    [InlineData(5426L, 5573L, "fr-BE", "+2,7%")]
    [InlineData(5426L, 5573L, "it-IT", "+2,7%")]
    [InlineData(559L, 892L, "en-GB", "+59.6%")]
    [InlineData(1000L, 985L, "en-GB", "-1.5%")]
    [InlineData(1000L, 985L, "it-IT", "-1,5%")]
    [InlineData(417L, 417L, "fr-BE", "0,0%")]
    [InlineData(0L, 12L, "en-GB", "n/a")]
    [InlineData(null, 12L, "en-GB", "n/a")]
    [InlineData(12L, null, "en-GB", "n/a")]
    public void Growth_is_one_decimal_in_the_culture(long? previous, long? current, string culture, string text) =>
        Assert.Equal(text, Growth.Text(Growth.Percent(previous, current), CultureInfo.GetCultureInfo(culture)));

    [Theory]
    [InlineData(2000L, 2001L, 0.1)]    // 0.05 rounds away from zero
    [InlineData(2000L, 1999L, -0.1)]   // and so does -0.05
    [InlineData(3L, 4L, 33.3)]
    [InlineData(3L, 5L, 66.7)]
    public void Half_a_tenth_rounds_away_from_zero(long previous, long current, double percent) =>
        Assert.Equal((decimal)percent, Growth.Percent(previous, current));

    [Fact]
    public void A_growth_of_a_figure_that_stayed_at_zero_has_no_sign_and_no_percent() =>
        Assert.Null(Growth.Percent(0, 0));
}
