using System.Text.Json;
using CecopComms.Content;

namespace CecopComms.Delivery;

/// <summary>A ledger row marked 'sending', with what rendering needs and whether the person may still be mailed.</summary>
public sealed record ClaimedRecipient
{
    public long LedgerId { get; init; }
    /// <summary>Attempts including this one.</summary>
    public int Attempts { get; init; }
    public long SubscriberId { get; init; }
    public string Uuid { get; init; } = "";
    public string Email { get; init; } = "";
    public string Name { get; init; } = "";
    public string Language { get; init; } = "en";
    /// <summary>JSON object text.</summary>
    public string Attributes { get; init; } = "{}";
    public string? OrganisationName { get; init; }
    public string? Country { get; init; }
    /// <summary>False when the person unsubscribed, bounced, was blocklisted or erased since the mailing was created.</summary>
    public bool Mailable { get; init; }

    /// <summary>What a template may know about the person.</summary>
    public RecipientData ToRecipientData() =>
        new(SubscriberId, Uuid, Email, Name, Language, OrganisationName, Country, ParseAttributes(Attributes));

    private static Dictionary<string, string?> ParseAttributes(string json)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json) || json == "{}") return result;
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object) return result;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            result[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null => null,
                _ => property.Value.GetRawText(),
            };
        }
        return result;
    }
}
