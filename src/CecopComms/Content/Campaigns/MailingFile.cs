using CecopComms.Content.Sources;
using CecopComms.Content.Validation;

namespace CecopComms.Content.Campaigns;

/// <summary>One language of a campaign mailing: a Markdown file with front matter (subject, optional title and preheader).</summary>
public sealed record MailingFile(SourceText Source, string Language, LocatedText Subject, LocatedText? Title, LocatedText? Preheader, LocatedText Body);
