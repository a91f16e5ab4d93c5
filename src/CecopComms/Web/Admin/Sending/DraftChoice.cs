using CecopComms.Content;

namespace CecopComms.Web.Admin.Sending;

/// <summary>A draft edition or campaign mailing that can be scheduled or sent, as the sending form offers it.</summary>
/// <param name="Source">"edition:12" or "campaign-mailing:4" once written with ToString().</param>
/// <param name="Label">"CECOP Newsletter #2 - 2026 (edition 12)".</param>
/// <param name="Group">"Editions" or the campaign's name, for the select's option groups.</param>
public sealed record DraftChoice(MailingSource Source, string Label, string Group);
