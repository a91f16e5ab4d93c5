using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CecopComms.Audience;

/// <summary>
/// Everything held on one person (GDPR art. 15): the subscriber row, their organisation, subscriptions and consents,
/// and what other parts of the application keep on them (<see cref="IPersonalDataHolder"/>), by the holder's name.
/// </summary>
public sealed record PersonalData(
    Subscriber Subscriber,
    Organisation? Organisation,
    IReadOnlyList<Subscription> Subscriptions,
    IReadOnlyList<Consent> Consents,
    IReadOnlyDictionary<string, object> Elsewhere)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The export document (snake_case JSON), the same from `cecop subscribers data`, the preference centre and the admin area.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary><see cref="ToJson"/> as UTF-8, for a download.</summary>
    public byte[] ToJsonBytes() => Encoding.UTF8.GetBytes(ToJson());
}
