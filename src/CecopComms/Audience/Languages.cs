using System.Globalization;
using System.Text.RegularExpressions;

namespace CecopComms.Audience;

/// <summary>Checks BCP 47 language tags against the cultures the runtime knows, and writes them in canonical case.</summary>
public static partial class Languages
{
    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex Shape();

    /// <summary>"pt-br" gives "pt-BR"; "xx" or "english" fail.</summary>
    public static bool TryNormalise(string? input, out string? tag)
    {
        tag = null;
        var text = input?.Trim() ?? "";
        if (!Shape().IsMatch(text)) return false;
        try
        {
            var culture = CultureInfo.GetCultureInfo(text, predefinedOnly: true);
            if (culture.Equals(CultureInfo.InvariantCulture)) return false;
            tag = culture.Name;
            return true;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
