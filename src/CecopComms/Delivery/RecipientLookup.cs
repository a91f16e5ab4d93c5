using System.Text.Json.Nodes;
using CecopComms.Audience;
using CecopComms.Content;

namespace CecopComms.Delivery;

/// <summary>
/// The data a template sees for one subscriber found by e-mail — name, language, organisation, country, attributes —
/// built the way a send builds it, so test copies and previews show what the real message will.
/// </summary>
public sealed class RecipientLookup(SubscriberStore subscribers, OrganisationStore organisations)
{
    /// <summary>The subscriber's template data, or null when the address is not a subscriber's.</summary>
    public async Task<RecipientData?> FindAsync(string email, CancellationToken cancellationToken)
    {
        var subscriber = await subscribers.FindAsync(email, cancellationToken);
        if (subscriber is null) return null;
        var organisation = subscriber.OrganisationId is { } id ? await organisations.FindAsync(id, cancellationToken) : null;
        var attributes = (JsonNode.Parse(subscriber.Attributes) as JsonObject ?? [])
            .ToDictionary(a => a.Key, a => a.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : a.Value?.ToJsonString());
        return new RecipientData(subscriber.Id, subscriber.Uuid, subscriber.Email, subscriber.Name, subscriber.Language,
            organisation?.Name, organisation?.Country, attributes);
    }
}
