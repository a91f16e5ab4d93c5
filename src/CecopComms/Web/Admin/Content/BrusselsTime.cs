using System.Globalization;

namespace CecopComms.Web.Admin.Content;

/// <summary>Times of content as CECOP's staff enter and read them: Europe/Brussels local time.</summary>
public static class BrusselsTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    /// <summary>Today's date in Brussels.</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone).DateTime);

    /// <summary>"2023-07-11 10:00", Brussels local time.</summary>
    public static string Show(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"2023-07-11T10:00", what a datetime-local field holds.</summary>
    public static string Field(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// A datetime-local value (yyyy-MM-ddTHH:mm) read as Brussels time, with the offset in force then; false for another
    /// shape, a year outside 2000–2100 (the engine's, and far from the calendar's ends, where no offset can apply) or a time
    /// the spring change skips. Of the hour the autumn change repeats, the first (summer time) is taken.
    /// </summary>
    public static bool TryParse(string? value, out DateTimeOffset at)
    {
        at = default;
        if (!DateTime.TryParseExact((value ?? "").Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || local.Year is < 2000 or > 2100 || Zone.IsInvalidTime(local)) return false;
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        at = new DateTimeOffset(local, offset);
        return true;
    }
}
