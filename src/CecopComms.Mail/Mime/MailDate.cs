namespace CecopComms.Mail.Mime;

/// <summary>Reads RFC 5322 §3.3 dates, with the obsolete forms (two-digit years, named zones, missing seconds) real mail still has.</summary>
internal static class MailDate
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>Parses the date; false when it is not one.</summary>
    public static bool TryParse(string text, out DateTimeOffset date)
    {
        date = default;
        // Comments, the day name and commas carry nothing the date needs.
        var cleaned = new System.Text.StringBuilder(text.Length);
        var depth = 0;
        foreach (var c in text)
        {
            if (c == '(')
                depth++;
            else if (c == ')' && depth > 0)
                depth--;
            else if (depth == 0)
                cleaned.Append(c == ',' ? ' ' : c);
        }
        var tokens = cleaned.ToString().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
        if (tokens.Count > 0 && char.IsLetter(tokens[0][0]) && MonthOf(tokens[0]) < 0)
            tokens.RemoveAt(0);
        if (tokens.Count < 4)
            return false;
        var month = MonthOf(tokens[1]);
        if (!int.TryParse(tokens[0], out var day) || month < 0 || !int.TryParse(tokens[2], out var year))
            return false;
        if (tokens[2].Length <= 2)
            year += year < 50 ? 2000 : 1900;
        else if (tokens[2].Length == 3)
            year += 1900;
        var time = tokens[3].Split(':');
        if (time.Length is < 2 or > 3 || !int.TryParse(time[0], out var hour) || !int.TryParse(time[1], out var minute))
            return false;
        var second = 0;
        if (time.Length == 3 && !int.TryParse(time[2], out second))
            return false;
        var offset = tokens.Count > 4 ? ZoneOf(tokens[4]) : TimeSpan.Zero;
        if (offset is null)
            return false;
        try
        {
            date = new DateTimeOffset(year, month + 1, day, hour, minute, Math.Min(second, 59), offset.Value);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static int MonthOf(string token) =>
        token.Length >= 3 ? Array.IndexOf(Months, token[..3].ToLowerInvariant()) : -1;

    private static TimeSpan? ZoneOf(string zone)
    {
        if (zone.Length == 5 && zone[0] is '+' or '-' && int.TryParse(zone.AsSpan(1, 2), out var h) && int.TryParse(zone.AsSpan(3, 2), out var m) && h < 24 && m < 60)
        {
            var span = new TimeSpan(h, m, 0);
            return zone[0] == '-' ? -span : span;
        }
        return zone.ToUpperInvariant() switch
        {
            "UT" or "UTC" or "GMT" or "Z" => TimeSpan.Zero,
            "EDT" => TimeSpan.FromHours(-4),
            "EST" or "CDT" => TimeSpan.FromHours(-5),
            "CST" or "MDT" => TimeSpan.FromHours(-6),
            "MST" or "PDT" => TimeSpan.FromHours(-7),
            "PST" => TimeSpan.FromHours(-8),
            // RFC 5322 §4.3: any other zone is read as +0000.
            _ => TimeSpan.Zero,
        };
    }
}
