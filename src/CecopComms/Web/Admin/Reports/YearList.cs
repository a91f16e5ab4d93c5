using System.Globalization;
using CecopComms.Reach;

namespace CecopComms.Web.Admin.Reports;

/// <summary>The "compare with" field of the report form: years as a person types them ("2022, 2023" or "2022 2023").</summary>
public static class YearList
{
    /// <summary>The years in <paramref name="text"/>; none when it is empty.</summary>
    /// <exception cref="ReachException">A part is not a whole number.</exception>
    public static IReadOnlyList<int> Parse(string? text)
    {
        var years = new List<int>();
        foreach (var part in (text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
                throw new ReachException($"'Compare with' holds '{part}', which is not a year; write years separated by commas, such as 2022, 2023.");
            years.Add(year);
        }
        return years;
    }

    /// <summary>The query string of a report: "year=2024&amp;compare=2022%2C2023&amp;culture=en-GB".</summary>
    public static string Query(int year, IReadOnlyList<int> compare, string culture) =>
        string.Create(CultureInfo.InvariantCulture, $"year={year}&compare={Uri.EscapeDataString(string.Join(",", compare))}&culture={Uri.EscapeDataString(culture)}");
}
