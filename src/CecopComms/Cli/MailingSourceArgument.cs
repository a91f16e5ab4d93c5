using System.Globalization;
using CecopComms.Content;

namespace CecopComms.Cli;

/// <summary>Reads what to send: "edition:12", "campaign-mailing:4", or a bare number for an edition.</summary>
public static class MailingSourceArgument
{
    public const string Help = "What to send: edition:ID, campaign-mailing:ID, or an edition's ID.";

    /// <exception cref="UsageException">The text is none of those.</exception>
    public static MailingSource Parse(string text)
    {
        var value = text.Trim();
        var colon = value.IndexOf(':');
        var kind = colon < 0 ? "edition" : value[..colon].Trim().ToLowerInvariant();
        var idText = colon < 0 ? value : value[(colon + 1)..].Trim();
        if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            throw new UsageException($"'{text}' does not name an edition or campaign mailing: write edition:ID or campaign-mailing:ID.");
        return kind switch
        {
            "edition" => new MailingSource(MailingSourceKind.Edition, id),
            "campaign-mailing" => new MailingSource(MailingSourceKind.CampaignMailing, id),
            _ => throw new UsageException($"'{text}': write edition:ID or campaign-mailing:ID."),
        };
    }
}
