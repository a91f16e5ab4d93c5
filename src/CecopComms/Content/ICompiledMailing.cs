namespace CecopComms.Content;

/// <summary>
/// An edition or campaign mailing validated and compiled once, then rendered for each recipient.
/// Render is pure and thread-safe: sender workers call it concurrently.
/// </summary>
public interface ICompiledMailing
{
    MailingSource Source { get; }

    /// <summary>e.g. "CECOP Link #9 - 2023" or "#CoopSkills2023: the launch".</summary>
    string Title { get; }

    /// <summary>Publication slug ("cecop-link", "cecop-newsletter") or campaign slug ("coopskills2023"); used in List-Id.</summary>
    string PublicationSlug { get; }

    /// <summary>Publication or campaign name, e.g. "CECOP Link"; the List-Id phrase.</summary>
    string PublicationName { get; }

    /// <summary>Who receives it: "list:cecop-link" or "segment:italian-members" (see AudienceResolver).</summary>
    string AudienceReference { get; }

    SenderIdentity Sender { get; }

    /// <summary>Every absolute link of the mailing, in any language: click tracking redirects only to these.</summary>
    IReadOnlySet<string> Links { get; }

    /// <summary>Renders the recipient's language variant (else English), their data HTML-escaped.</summary>
    RenderedMail Render(RecipientData recipient, RecipientLinks links);
}
