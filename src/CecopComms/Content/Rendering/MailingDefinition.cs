using CecopComms.Content.Sources;
using CecopComms.Content.Validation;

namespace CecopComms.Content.Rendering;

/// <summary>Everything a mailing is compiled from, whatever made it (an edition or a campaign mailing).</summary>
/// <param name="Source">The edition or campaign mailing.</param>
/// <param name="Title">"CECOP Link #9 - 2023", "#CoopSkills2023: ...".</param>
/// <param name="PublicationSlug">Publication or campaign slug.</param>
/// <param name="PublicationName">Publication or campaign name.</param>
/// <param name="AudienceReference">list:SLUG or segment:SLUG.</param>
/// <param name="Sender">From and Reply-To.</param>
/// <param name="Template">The template's name: templates/{Template}.html.sbn, and .txt.sbn when there is one.</param>
/// <param name="Languages">The language variants written; English is always among them.</param>
/// <param name="Subject">The subject per language; it may print recipient fields.</param>
/// <param name="Model">The template's values for a language, with that compile's slots; Markdown problems go to the diagnostics.</param>
public sealed record MailingDefinition(
    MailingSource Source,
    string Title,
    string PublicationSlug,
    string PublicationName,
    string AudienceReference,
    SenderIdentity Sender,
    string Template,
    IReadOnlyList<string> Languages,
    LocalText Subject,
    Func<string, SlotTable, Diagnostics, Dictionary<string, object?>> Model);
