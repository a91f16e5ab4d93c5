using System.Globalization;
using System.Text;

namespace CecopComms.Audience;

/// <summary>
/// The audience-side rule for what counts as an e-mail address and when two addresses are the same person:
/// an RFC 5322 addr-spec (dot-atom or quoted local part; UTF-8 allowed per RFC 6532), a host-name domain with at
/// least one dot (IDN allowed, no address literals), at most 64 octets before the '@' and 254 in all.
/// </summary>
public static class EmailAddress
{
    private const int MaxLocalOctets = 64;
    private const int MaxTotalOctets = 254;
    private const string AtextSpecials = "!#$%&'*+-/=?^_`{|}~";

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>
    /// Checks and normalises <paramref name="input"/> (surrounding white space is ignored). On failure
    /// <paramref name="reason"/> is a sentence saying what is wrong, fit to show the person who typed it.
    /// </summary>
    public static bool TryNormalise(string? input, out NormalisedEmail? email, out string? reason)
    {
        email = null;
        reason = Check(input?.Trim() ?? "", out var local, out var asciiDomain, out var unicodeDomain);
        if (reason is not null) return false;
        email = new NormalisedEmail(local + "@" + unicodeDomain, local.ToLowerInvariant() + "@" + asciiDomain);
        return true;
    }

    private static string? Check(string text, out string local, out string asciiDomain, out string unicodeDomain)
    {
        local = asciiDomain = unicodeDomain = "";
        if (text.Length == 0) return "the address is empty";
        text = text.Normalize(NormalizationForm.FormC);
        foreach (var c in text)
            if (char.IsControl(c)) return "the address contains a control character";

        var at = text.LastIndexOf('@');
        if (at < 0) return "the address has no '@'";
        local = text[..at];
        var domain = text[(at + 1)..];
        if (local.Length == 0) return "the address has nothing before the '@'";
        if (domain.Length == 0) return "the address has nothing after the '@'";

        var localProblem = local[0] == '"' ? CheckQuoted(local) : CheckDotAtom(local);
        if (localProblem is not null) return localProblem;
        if (Encoding.UTF8.GetByteCount(local) > MaxLocalOctets)
            return $"the part before the '@' is longer than {MaxLocalOctets} characters";

        var domainProblem = CheckDomain(domain, out asciiDomain);
        if (domainProblem is not null) return domainProblem;
        unicodeDomain = Idn.GetUnicode(asciiDomain).ToLowerInvariant().Normalize(NormalizationForm.FormC);
        if (Encoding.UTF8.GetByteCount(local) + 1 + asciiDomain.Length > MaxTotalOctets)
            return $"the address is longer than {MaxTotalOctets} characters";
        return null;
    }

    private static string? CheckDotAtom(string local)
    {
        if (local.Contains('@')) return "the address has more than one '@' (quote the part before the last one if that is intended)";
        if (local[0] == '.') return $"the part before the '@' ('{local}') starts with a dot";
        if (local[^1] == '.') return $"the part before the '@' ('{local}') ends with a dot";
        if (local.Contains("..", StringComparison.Ordinal)) return $"the part before the '@' ('{local}') has two dots in a row";
        foreach (var c in local)
        {
            if (c == '.' || IsAtext(c)) continue;
            return c == ' '
                ? $"the part before the '@' ('{local}') contains a space"
                : $"the part before the '@' ('{local}') contains '{c}', which is only allowed inside quotes";
        }
        return null;
    }

    private static string? CheckQuoted(string local)
    {
        if (local.Length < 2 || local[^1] != '"') return $"the quoted part before the '@' ({local}) is not closed by a '\"'";
        for (var i = 1; i < local.Length - 1; i++)
        {
            var c = local[i];
            if (c == '\\')
            {
                if (++i >= local.Length - 1) return $"the quoted part before the '@' ({local}) ends with a lone '\\'";
                continue;
            }
            if (c == '"') return $"the quoted part before the '@' ({local}) contains an unescaped '\"'";
        }
        return null;
    }

    private static string? CheckDomain(string domain, out string ascii)
    {
        ascii = "";
        if (domain[0] == '[') return $"the domain '{domain}' is an address literal, which is not accepted";
        if (domain.Contains(' ')) return $"the domain '{domain}' contains a space";
        if (!domain.Contains('.')) return $"the domain '{domain}' has no dot";
        if (domain[0] == '.') return $"the domain '{domain}' starts with a dot";
        if (domain[^1] == '.') return $"the domain '{domain}' ends with a dot";
        if (domain.Contains("..", StringComparison.Ordinal)) return $"the domain '{domain}' has two dots in a row";
        try
        {
            ascii = Idn.GetAscii(domain).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return $"the domain '{domain}' is not a valid host name (letters, digits and inner hyphens only, labels of at most 63 characters)";
        }
        var tld = ascii[(ascii.LastIndexOf('.') + 1)..];
        if (tld.All(char.IsAsciiDigit)) return $"the domain '{domain}' ends in a number, which is not a top-level domain";
        return null;
    }

    // RFC 5322 atext, plus any non-ASCII character (RFC 6532 UTF8-non-ascii).
    private static bool IsAtext(char c) => char.IsAsciiLetterOrDigit(c) || AtextSpecials.Contains(c) || (c > 127 && !char.IsWhiteSpace(c));
}
