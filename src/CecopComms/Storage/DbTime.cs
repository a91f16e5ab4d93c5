using System.Globalization;

namespace CecopComms.Storage;

/// <summary>
/// The one text shape times are stored in: UTC, millisecond precision, 'Z' suffix. It sorts as text,
/// matches SQLite's strftime('%Y-%m-%dT%H:%M:%fZ'), and PostgreSQL parses it as timestamptz.
/// </summary>
public static class DbTime
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string ToText(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
