namespace CecopComms.Web.Admin.Sending;

/// <summary>What the sending page offers and how it names things.</summary>
/// <param name="Drafts">The editions and campaign mailings that can go out now.</param>
/// <param name="Titles">"Title (edition 12)" for every edition and campaign mailing, by source ("edition:12").</param>
public sealed record SendingCatalogue(IReadOnlyList<DraftChoice> Drafts, IReadOnlyDictionary<string, string> Titles);
