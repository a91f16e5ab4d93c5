using CecopComms.Audience;
using CecopComms.Storage;

namespace CecopComms.Delivery.Bounces;

/// <summary>Reads recorded bounces, for `cecop bounces list`.</summary>
public sealed class BounceStore(Database database)
{
    private readonly BounceQueries _queries = QueryLoader.Load<BounceQueries>(database.Dialect, "bounces");

    /// <summary>The latest bounces first, optionally of one person (any spelling of their address) or one mailing.</summary>
    /// <exception cref="AudienceException">The address given is not an e-mail address.</exception>
    public Task<IReadOnlyList<BounceListItem>> ListAsync(string? email, long? mailingId, int limit, CancellationToken cancellationToken)
    {
        string? key = null;
        if (email is not null)
        {
            if (!EmailAddress.TryNormalise(email, out var normalised, out var reason) || normalised is null)
                throw new AudienceException($"{email} is not an e-mail address: {reason}");
            key = normalised.Key;
        }
        return database.QueryListAsync<BounceListItem>(_queries.ListBounces, new { EmailKey = key, MailingId = mailingId, Limit = limit }, cancellationToken);
    }
}
