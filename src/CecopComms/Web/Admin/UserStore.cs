using CecopComms.Audience;
using CecopComms.Storage;
using Microsoft.Extensions.Options;

namespace CecopComms.Web.Admin;

/// <summary>
/// Staff accounts: create, list, change role, reset a password, lock and unlock, sign in with lockout, end sessions. A
/// failed sign-in for an unknown address costs the same hashing work as a wrong password, so timing does not tell which
/// addresses have accounts. A new role, a new password, a lock and signing out give the account a new
/// <see cref="User.SecurityStamp"/>, which ends every session signed in before (see <see cref="StaffAuthentication"/>).
/// </summary>
public sealed class UserStore(Database database, TimeProvider time, IOptions<WebOptions> options)
{
    /// <summary>The roles an account may have.</summary>
    public static readonly IReadOnlyList<string> Roles = ["admin", "editor", "viewer"];

    private static readonly (string Hash, string Salt) Decoy = PasswordHasher.Hash("decoy password for unknown accounts", PasswordHasher.DefaultIterations);
    private readonly UserQueries _queries = QueryLoader.Load<UserQueries>(database.Dialect, "users");

    /// <summary>Creates an account.</summary>
    /// <exception cref="UserException">The e-mail is not an address or already has an account, the role is unknown, or the password is too short.</exception>
    public async Task<User> AddAsync(string email, string name, string role, string password, CancellationToken cancellationToken, int iterations = PasswordHasher.DefaultIterations)
    {
        if (!EmailAddress.TryNormalise(email, out var normalised, out var reason)) throw new UserException($"'{email.Trim()}' is not an e-mail address: {reason}.");
        if (!Roles.Contains(role)) throw new UserException($"'{role}' is not a role: use admin, editor or viewer.");
        var (hash, salt) = CheckedHash(password, iterations);
        var id = await database.QuerySingleOrDefaultAsync<long?>(_queries.InsertUser, new
        {
            Stamp = NewStamp(),
            normalised!.Email,
            EmailKey = normalised.Key,
            Name = name.Trim(),
            Role = role,
            PasswordHash = hash,
            PasswordSalt = salt,
            PasswordIterations = iterations,
            Now = time.GetUtcNow(),
        }, cancellationToken);
        if (id is null) throw new UserException($"{normalised.Email} already has an account.");
        return (await FindAsync(normalised.Key, cancellationToken))!;
    }

    /// <summary>Every account, by e-mail.</summary>
    public Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken) => database.QueryListAsync<User>(_queries.ListUsers, null, cancellationToken);

    /// <summary>The account with this id, or null.</summary>
    public Task<User?> GetAsync(long id, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<User>(_queries.GetUserById, new { Id = id }, cancellationToken);

    /// <summary>Gives the account another role and ends its sessions, so the person signs in again under the new one.</summary>
    /// <exception cref="UserException">The role is unknown, there is no such account, or it is the last admin and the new role is not admin.</exception>
    public async Task<User> ChangeRoleAsync(long id, string role, CancellationToken cancellationToken)
    {
        if (!Roles.Contains(role)) throw new UserException($"'{role}' is not a role: use admin, editor or viewer.");
        var user = await GetAsync(id, cancellationToken) ?? throw Missing(id);
        var changed = await database.QuerySingleOrDefaultAsync<long?>(_queries.SetUserRole, new { Id = id, Role = role, Stamp = NewStamp(), Now = time.GetUtcNow() }, cancellationToken);
        if (changed is null) throw new UserException($"{user.Email} is the only admin; make another account admin first, so someone can still manage staff accounts.");
        return (await GetAsync(id, cancellationToken))!;
    }

    /// <summary>Sets a new password and ends the account's sessions; it also lifts every lockout and clears the failed sign-ins.</summary>
    /// <exception cref="UserException">The password is too short, or there is no such account.</exception>
    public async Task<User> ResetPasswordAsync(long id, string password, CancellationToken cancellationToken, int iterations = PasswordHasher.DefaultIterations)
    {
        var (hash, salt) = CheckedHash(password, iterations);
        var changed = await database.QuerySingleOrDefaultAsync<long?>(_queries.SetUserPassword, new
        {
            Stamp = NewStamp(),
            Id = id,
            PasswordHash = hash,
            PasswordSalt = salt,
            PasswordIterations = iterations,
            Now = time.GetUtcNow(),
        }, cancellationToken);
        if (changed is null) throw Missing(id);
        return (await GetAsync(id, cancellationToken))!;
    }

    /// <summary>
    /// Locks the account: it cannot sign in from anywhere, and every session it has ends at its next request, until an
    /// admin unlocks it.
    /// </summary>
    /// <exception cref="UserException">There is no such account, or it is the last admin who is not locked.</exception>
    public async Task<User> LockAsync(long id, CancellationToken cancellationToken)
    {
        var user = await GetAsync(id, cancellationToken) ?? throw Missing(id);
        var changed = await database.QuerySingleOrDefaultAsync<long?>(_queries.LockUser, new { Id = id, Stamp = NewStamp(), Now = time.GetUtcNow() }, cancellationToken);
        if (changed is null) throw new UserException($"{user.Email} is the only admin who can sign in; make another account admin first, so someone can still manage staff accounts.");
        return (await GetAsync(id, cancellationToken))!;
    }

    /// <summary>Lifts an admin's lock and every lockout after failed sign-ins, and clears the count of failed sign-ins.</summary>
    /// <exception cref="UserException">There is no such account.</exception>
    public async Task<User> UnlockAsync(long id, CancellationToken cancellationToken)
    {
        var changed = await database.QuerySingleOrDefaultAsync<long?>(_queries.UnlockUser, new { Id = id, Now = time.GetUtcNow() }, cancellationToken);
        if (changed is null) throw Missing(id);
        return (await GetAsync(id, cancellationToken))!;
    }

    private static UserException Missing(long id) => new($"There is no staff account with the number {id}; it may have been removed.");

    /// <summary>
    /// The account when <paramref name="password"/> is right and it is locked neither by an admin nor against
    /// <paramref name="ip"/>; null otherwise. Every attempt from an address is counted before its password is judged,
    /// and the Web:MaxFailedLogins-th in a row without success locks the account against that address (only) for
    /// Web:LockoutMinutes; the right password clears the address's count.
    /// </summary>
    public async Task<User?> SignInAsync(string email, string password, string ip, CancellationToken cancellationToken)
    {
        var user = EmailAddress.TryNormalise(email, out var normalised, out _) ? await FindAsync(normalised!.Key, cancellationToken) : null;
        if (user is null)
        {
            PasswordHasher.Verify(password, Decoy.Hash, Decoy.Salt, PasswordHasher.DefaultIterations);
            return null;
        }
        var now = time.GetUtcNow();
        // The count and the lock check are one statement, taken before the slow hash: of attempts sent at once, exactly
        // Web:MaxFailedLogins are judged. A locked attempt still costs the hash, so timing does not tell it apart.
        var attempt = await database.QuerySingleOrDefaultAsync<long?>(_queries.ClaimLoginAttempt, new
        {
            user.Id,
            Ip = ip,
            MaxFailures = options.Value.MaxFailedLogins,
            LockedUntil = now.AddMinutes(options.Value.LockoutMinutes),
            Now = now,
        }, cancellationToken);
        var right = PasswordHasher.Verify(password, user.PasswordHash, user.PasswordSalt, user.PasswordIterations);
        if (attempt is null || user.LockedAt is not null || !right) return null;
        await database.ExecuteScalarAsync<long>(_queries.RecordLogin, new { user.Id, Ip = ip, Now = now }, cancellationToken);
        return user;
    }

    /// <summary>Ends every session of the account (signing out): cookies issued before are refused from the next request on.</summary>
    public Task EndSessionsAsync(long id, CancellationToken cancellationToken) =>
        database.ExecuteScalarAsync<long>(_queries.EndSessions, new { Id = id, Stamp = NewStamp(), Now = time.GetUtcNow() }, cancellationToken);

    // A new security stamp: 32 random hex digits; a session signed in under the old one ends.
    private static string NewStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    private Task<User?> FindAsync(string emailKey, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<User>(_queries.GetUserByKey, new { EmailKey = emailKey }, cancellationToken);

    /// <summary>The hash and salt of a new password, once it is long enough.</summary>
    private static (string Hash, string Salt) CheckedHash(string password, int iterations) =>
        password.Length < PasswordHasher.MinimumLength
            ? throw new UserException($"The password must have at least {PasswordHasher.MinimumLength} characters.")
            : PasswordHasher.Hash(password, iterations);
}
