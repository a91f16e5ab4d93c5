using System.Globalization;

namespace CecopComms.Reach.Reports;

/// <summary>Year-over-year growth: (this − previous) / previous, in per cent rounded to one decimal, written the report culture's way.</summary>
public static class Growth
{
    /// <summary>The growth in per cent, one decimal (half away from zero); null when either figure is missing or the previous one is 0.</summary>
    public static decimal? Percent(long? previous, long? current)
    {
        if (previous is not { } before || current is not { } now || before == 0) return null;
        return Math.Round((now - before) * 100m / before, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// "+2.7%" (en-GB), "+2,7%" (fr-BE, it-IT), "-1.5%", "0.0%"; "n/a" when there is no growth to give (no previous
    /// figure, or a previous figure of 0).
    /// </summary>
    public static string Text(decimal? percent, CultureInfo culture)
    {
        if (percent is not { } value) return "n/a";
        var digits = Math.Abs(value).ToString("0.0", culture);
        return value switch
        {
            > 0 => culture.NumberFormat.PositiveSign + digits + "%",
            < 0 => culture.NumberFormat.NegativeSign + digits + "%",
            _ => digits + "%",
        };
    }
}
