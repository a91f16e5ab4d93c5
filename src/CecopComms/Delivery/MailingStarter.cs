using System.Data.Common;
using CecopComms.Audience;
using CecopComms.Content;
using CecopComms.Delivery.Tracking;

namespace CecopComms.Delivery;

/// <summary>
/// Turns an edition or campaign mailing into a mailing: compiles it (so a broken one never starts), resolves its audience
/// now, and writes every recipient to the ledger before anything is sent. The mailing's links are stored with it, numbered,
/// so click tracking redirects only to them.
/// </summary>
public sealed class MailingStarter(IMailingContent content, AudienceResolver audiences, MailingStore mailings, MailingLinkStore? links = null)
{
    /// <summary>Creates the mailing in <paramref name="status"/> (running to send now) and records the content as sending.</summary>
    /// <exception cref="ContentValidationException">The content does not compile.</exception>
    /// <exception cref="KeyNotFoundException">No such edition or campaign mailing.</exception>
    /// <exception cref="AudienceException">Its audience does not exist.</exception>
    public Task<Mailing> StartAsync(MailingSource source, MailingStatus status, CancellationToken cancellationToken) =>
        StartAsync(source, status, null, cancellationToken);

    /// <summary>
    /// As <see cref="StartAsync(MailingSource, MailingStatus, CancellationToken)"/>, to <paramref name="audienceReference"/>
    /// ("segment:SLUG") instead of the content's own audience when given. Content whose own audience is members-only goes
    /// only to an audience whose every recipient, resolved now, is a contact of a member organisation.
    /// </summary>
    /// <exception cref="ContentValidationException">The content does not compile.</exception>
    /// <exception cref="KeyNotFoundException">No such edition or campaign mailing.</exception>
    /// <exception cref="AudienceException">An audience does not exist.</exception>
    /// <exception cref="MembersOnlyException">The content is members-only and the audience reaches someone else.</exception>
    /// <remarks>alsoWrite, when given, writes more in the transaction that creates the mailing (given its id); an
    /// exception from it rolls the mailing back.</remarks>
    public async Task<Mailing> StartAsync(MailingSource source, MailingStatus status, string? audienceReference, CancellationToken cancellationToken,
        Func<DbConnection, DbTransaction, long, Task>? alsoWrite = null)
    {
        var compiled = await content.CompileAsync(source, cancellationToken);
        var (audience, recipients, _, _) = (await audiences.ForContentAsync(compiled.AudienceReference, audienceReference, cancellationToken)).KeepingMembersOnly();
        var mailing = await mailings.CreateAsync(source, compiled.Title, audience, recipients, status, cancellationToken,
            links is null && alsoWrite is null ? null : async (connection, transaction, id) =>
            {
                if (links is not null) await links.SaveAsync(connection, transaction, id, compiled.Links, cancellationToken);
                if (alsoWrite is not null) await alsoWrite(connection, transaction, id);
            });
        await content.SetStateAsync(source, status == MailingStatus.Running ? ContentState.Sending : ContentState.Scheduled, cancellationToken);
        return mailing;
    }
}
