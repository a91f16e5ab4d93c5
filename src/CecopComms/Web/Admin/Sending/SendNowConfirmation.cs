using CecopComms.Content;

namespace CecopComms.Web.Admin.Sending;

/// <summary>What "send now" would do, shown for confirmation before anything is written.</summary>
/// <param name="Source">The edition or campaign mailing.</param>
/// <param name="Title">Its title.</param>
/// <param name="AudienceName">The list's or segment's name.</param>
/// <param name="AudienceKind">"list" or "segment".</param>
/// <param name="Chosen">"segment:SLUG" when a segment was chosen instead of the content's own audience, else null.</param>
/// <param name="Recipients">The audience's live recipient count, now.</param>
/// <param name="Changed">Set when the count differs from the one confirmed before: the sentence that says so.</param>
public sealed record SendNowConfirmation(MailingSource Source, string Title, string AudienceName, string AudienceKind, string? Chosen, int Recipients, string? Changed);
