using CecopComms.Audience;
using CecopComms.Content;
using CecopComms.Content.Rendering;
using CecopComms.Content.Validation;
using CecopComms.Delivery;

namespace CecopComms.Web.Admin.Content;

/// <summary>
/// Renders an edition or campaign mailing for one reader through the path a send uses (as `cecop editions preview`):
/// a subscriber's own data when an address is given, else a sample reader; a language given overrides theirs.
/// </summary>
public sealed class ContentPreview(MailingContent content, RecipientLookup recipients, IRecipientLinkFactory links)
{
    /// <summary>The mailing compiled, the reader and what they would receive.</summary>
    /// <exception cref="ContentValidationException">The mailing does not compile.</exception>
    /// <exception cref="ContentNotFoundException">No such edition or campaign mailing, or the address is not a subscriber's.</exception>
    public async Task<(CompiledMailing Mailing, RecipientData Reader, RenderedMail Mail)> RenderAsync(
        MailingSource source, string? language, string? subscriber, CancellationToken cancellationToken)
    {
        var mailing = await content.CompileMailingAsync(source, cancellationToken);
        var reader = await ReaderAsync(subscriber, language, cancellationToken);
        return (mailing, reader, Render(mailing, reader));
    }

    /// <summary>
    /// What a sample reader in <paramref name="language"/> would receive of an edition not saved (the compose form's
    /// YAML), compiled through the same checks as a save; nothing is stored.
    /// </summary>
    /// <exception cref="ContentValidationException">The draft does not compile, or its publication does not exist.</exception>
    public async Task<RenderedMail> RenderDraftAsync(SourceText draft, string? language, CancellationToken cancellationToken)
    {
        var mailing = await content.CheckEditionAsync(draft, cancellationToken);
        return Render(mailing, await ReaderAsync(null, language, cancellationToken));
    }

    // Without a mailing id the links are inert preview links: whoever sees the preview cannot act for the reader.
    private RenderedMail Render(CompiledMailing mailing, RecipientData reader) => mailing.Render(reader, links.For(reader, null));

    private async Task<RecipientData> ReaderAsync(string? email, string? language, CancellationToken cancellationToken)
    {
        var lang = string.IsNullOrWhiteSpace(language) ? null : language.Trim();
        if (string.IsNullOrWhiteSpace(email))
            return new RecipientData(0, "preview", "preview@example.org", "", lang ?? "en", null, null, new Dictionary<string, string?>());
        RecipientData? recipient;
        try
        {
            recipient = await recipients.FindAsync(email.Trim(), cancellationToken);
        }
        catch (AudienceException e)
        {
            // Not an address at all ("nobody@x", 5,000 characters): the same answer as an address of no one.
            throw new ContentNotFoundException(e.Message);
        }
        if (recipient is null)
            throw new ContentNotFoundException($"{email.Trim()} is not a subscriber; give another address, or leave it empty for a sample reader.");
        return lang is null ? recipient : recipient with { Language = lang };
    }
}
