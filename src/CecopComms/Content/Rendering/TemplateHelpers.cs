namespace CecopComms.Content.Rendering;

/// <summary>The helpers templates may call, with how many arguments each takes (see <see cref="TemplateEngine"/>).</summary>
public static class TemplateHelpers
{
    public static readonly IReadOnlyDictionary<string, (int Min, int Max)> Arguments = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        ["date"] = (1, 1),            // {{date date}}: "16 May 2023", "16 mai 2023", "16 maggio 2023"
        ["t"] = (1, 1),               // {{t "read_more"}}: a word from strings.yaml in the reader's language
        ["link"] = (1, 1),            // {{link url}}: through click tracking when it is on
        ["unsubscribeUrl"] = (0, 0),
        ["preferencesUrl"] = (0, 0),
        ["openPixel"] = (0, 0),
        ["recipientName"] = (0, 1),   // {{recipientName (t "reader")}}: the name, else the fallback
        ["attr"] = (1, 1),            // {{attr "sector"}}: a free attribute of the recipient
        ["join"] = (2, 2),            // {{join tags " · "}}
    };

    public static readonly IReadOnlySet<string> Blocks = new HashSet<string>(StringComparer.Ordinal) { "each", "if", "unless", "with" };
}
