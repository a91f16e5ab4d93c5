using System.Threading.RateLimiting;
using CecopComms.Audience;
using CecopComms.Storage;

namespace CecopComms.Web.Archive;

/// <summary>
/// Magic-link login to the members' archive. A request for an address that is an active member contact queues a link
/// to that address; any other address gets the same answer and nothing happens, so the form tells no one who is a
/// member. A link works once, within <see cref="MemberLoginToken.Lifetime"/>, for someone who is still a member contact.
/// </summary>
public sealed class MemberLogin(Database database, MemberLoginToken tokens, MemberLoginMailer mailer, TimeProvider time) : IDisposable
{
    /// <summary>Links sent to one address per <see cref="LinksWindow"/> at most, so the form cannot flood a member's inbox.</summary>
    public const int LinksPerWindow = 3;

    /// <summary>The window of <see cref="LinksPerWindow"/>.</summary>
    public static readonly TimeSpan LinksWindow = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Links sent to one address per day at most: the short window lets a member who lost a link ask again soon, this
    /// keeps someone who knows a member's address from having them sent hundreds a day.
    /// </summary>
    public const int LinksPerDay = 10;

    private readonly MailAllowance _perDay = new(time, LinksPerDay, TimeSpan.FromDays(1));

    private readonly LoginQueries _queries = QueryLoader.Load<LoginQueries>(database.Dialect, "logins");
    private readonly PartitionedRateLimiter<string> _perAddress = PartitionedRateLimiter.Create<string, string>(uuid =>
        RateLimitPartition.GetFixedWindowLimiter(uuid, _ => new FixedWindowRateLimiterOptions { PermitLimit = LinksPerWindow, Window = LinksWindow, QueueLimit = 0 }));

    /// <summary>Sends a login link when <paramref name="email"/> is an active member contact; otherwise does nothing. The caller answers the same either way.</summary>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task RequestAsync(string email, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryNormalise(email, out var normalised, out _)) return;
        var member = await database.QuerySingleOrDefaultAsync<MemberContact>(_queries.MemberContactByEmail, new { EmailKey = normalised!.Key }, cancellationToken);
        if (member is null || !Guid.TryParse(member.Uuid, out var uuid)) return;
        using var lease = _perAddress.AttemptAcquire(member.Uuid);
        if (!lease.IsAcquired || !_perDay.TryTake(member.Uuid)) return;
        await mailer.EnqueueAsync(member, tokens.Create(uuid), cancellationToken);
    }

    /// <summary>The member a link is for, when it can still be used (signed, not expired, not used, still a member); else null. Uses nothing up.</summary>
    public async Task<MemberContact?> CheckAsync(string? token, CancellationToken cancellationToken)
    {
        if (!tokens.TryRead(token, out var read)) return null;
        if (await database.ExecuteScalarAsync<long>(_queries.LoginTokenUsed, new { TokenHash = tokens.UseKey(read) }, cancellationToken) > 0) return null;
        return await FindAsync(read.SubscriberUuid, cancellationToken);
    }

    /// <summary>Uses a link up and returns its member; null when it is forged, expired, already used or its person is no longer a member contact.</summary>
    public async Task<MemberContact?> RedeemAsync(string? token, CancellationToken cancellationToken)
    {
        if (!tokens.TryRead(token, out var read)) return null;
        var member = await FindAsync(read.SubscriberUuid, cancellationToken);
        if (member is null) return null;
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await Dapper.SqlMapper.ExecuteAsync(connection, new Dapper.CommandDefinition(_queries.DeleteExpiredLoginTokens, new { Now = now }, cancellationToken: cancellationToken));
        // The insert is the check: of two requests racing with one token, only one inserts its row.
        var used = await Dapper.SqlMapper.ExecuteAsync(connection, new Dapper.CommandDefinition(_queries.UseLoginToken,
            new { TokenHash = tokens.UseKey(read), SubscriberId = member.Id, Now = now, read.ExpiresAt }, cancellationToken: cancellationToken));
        return used == 1 ? member : null;
    }

    /// <summary>The member contact with this uuid, when they still are one (active, not erased, of a member organisation).</summary>
    public Task<MemberContact?> FindAsync(Guid uuid, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<MemberContact>(_queries.MemberContactByUuid, new { Uuid = uuid.ToString() }, cancellationToken);

    public void Dispose() => _perAddress.Dispose();
}
