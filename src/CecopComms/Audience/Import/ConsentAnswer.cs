namespace CecopComms.Audience.Import;

/// <summary>Reads a consent column: yes/no in the words people put in spreadsheets, in a few of CECOP's languages.</summary>
internal static class ConsentAnswer
{
    private static readonly HashSet<string> Yes = new(StringComparer.OrdinalIgnoreCase)
        { "yes", "y", "true", "1", "x", "✓", "ja", "oui", "si", "sí", "sì", "sim", "tak", "da", "kyllä", "igen" };

    private static readonly HashSet<string> No = new(StringComparer.OrdinalIgnoreCase)
        { "no", "n", "false", "0", "nein", "non", "nie", "não", "nao", "ne", "nej", "ei", "nem" };

    /// <summary>True or false for an answer, null for an empty cell; false with no value when the cell is not yes/no.</summary>
    public static bool TryRead(string text, out bool? consent)
    {
        consent = null;
        text = text.Trim();
        if (text.Length == 0) return true;
        if (Yes.Contains(text)) consent = true;
        else if (No.Contains(text)) consent = false;
        else return false;
        return true;
    }
}
