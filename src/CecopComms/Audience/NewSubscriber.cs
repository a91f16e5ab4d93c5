using System.Text.Json.Nodes;

namespace CecopComms.Audience;

/// <summary>What is needed to add a person: only the e-mail is required.</summary>
/// <param name="Email">The address as the person wrote it; normalised on the way in.</param>
/// <param name="Name">Their name, or empty.</param>
/// <param name="Language">A BCP 47 tag; written in canonical case on the way in.</param>
/// <param name="Organisation">The organisation's id or name, when the person is one of its contacts.</param>
/// <param name="Attributes">Free attributes, or null for none.</param>
public sealed record NewSubscriber(
    string Email,
    string Name = "",
    string Language = "en",
    string? Organisation = null,
    JsonObject? Attributes = null);
