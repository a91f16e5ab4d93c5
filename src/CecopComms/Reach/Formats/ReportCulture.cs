using System.Globalization;

namespace CecopComms.Reach.Formats;

/// <summary>The cultures a report can be written in, and how a value is written in each ("5,573", "5 573", "5.573").</summary>
public static class ReportCulture
{
    /// <summary>Accepted culture names.</summary>
    public static readonly IReadOnlyList<string> Names = ["en-GB", "fr-BE", "it-IT"];

    /// <exception cref="ReachException">The name is not one of <see cref="Names"/>.</exception>
    public static CultureInfo Get(string name)
    {
        var match = Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ReachException($"The culture '{name}' is not one of: {string.Join(", ", Names)}.");
        return CultureInfo.GetCultureInfo(match);
    }

    /// <summary>A whole number with the culture's grouping; "–" when there is none.</summary>
    public static string Value(long? value, CultureInfo culture) => value is { } v ? v.ToString("N0", culture) : "–";
}
