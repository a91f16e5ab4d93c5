namespace CecopComms.Delivery;

/// <summary>Makes text from subscribers and content safe for a header: CR, LF and other control characters become spaces.</summary>
public static class HeaderText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (!text.Any(char.IsControl)) return text.Trim();
        return new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
    }
}
