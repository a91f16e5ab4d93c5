using CecopComms.Web.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Tests.Web.Admin;

/// <summary>UserStore's changes to an account: role (never leaving no admin), password (lifting a lockout), unlock.</summary>
public sealed class StaffStoreTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task The_last_admin_cannot_lose_the_role_but_one_of_two_can()
    {
        using var factory = new CecopWebFactory();
        var users = factory.Services.GetRequiredService<UserStore>();
        var first = await users.AddAsync("first@cecop.example", "First", "admin", Password, CancellationToken.None, iterations: 10_000);

        var refused = await Assert.ThrowsAsync<UserException>(() => users.ChangeRoleAsync(first.Id, "editor", CancellationToken.None));
        Assert.Equal("first@cecop.example is the only admin; make another account admin first, so someone can still manage staff accounts.", refused.Message);
        Assert.Equal("admin", (await users.GetAsync(first.Id, CancellationToken.None))!.Role);

        var second = await users.AddAsync("second@cecop.example", "Second", "viewer", Password, CancellationToken.None, iterations: 10_000);
        Assert.Equal("admin", (await users.ChangeRoleAsync(second.Id, "admin", CancellationToken.None)).Role);
        Assert.Equal("editor", (await users.ChangeRoleAsync(first.Id, "editor", CancellationToken.None)).Role);
        await Assert.ThrowsAsync<UserException>(() => users.ChangeRoleAsync(second.Id, "viewer", CancellationToken.None));
        var unknownRole = await Assert.ThrowsAsync<UserException>(() => users.ChangeRoleAsync(first.Id, "owner", CancellationToken.None));
        Assert.Contains("'owner' is not a role", unknownRole.Message);
        await Assert.ThrowsAsync<UserException>(() => users.ChangeRoleAsync(424242, "viewer", CancellationToken.None));
    }

    [Fact]
    public async Task A_new_password_replaces_the_old_one_and_lifts_the_lockout()
    {
        using var factory = new CecopWebFactory();
        var users = factory.Services.GetRequiredService<UserStore>();
        var user = await users.AddAsync("locked@cecop.example", "Locked", "editor", Password, CancellationToken.None, iterations: 10_000);
        for (var i = 0; i < 5; i++) await users.SignInAsync(user.Email, "wrong " + i, StaffSession.Address, CancellationToken.None);
        Assert.Null(await users.SignInAsync(user.Email, Password, StaffSession.Address, CancellationToken.None));

        var tooShort = await Assert.ThrowsAsync<UserException>(() => users.ResetPasswordAsync(user.Id, "short", CancellationToken.None, iterations: 10_000));
        Assert.Contains($"at least {PasswordHasher.MinimumLength}", tooShort.Message);
        var reset = await users.ResetPasswordAsync(user.Id, "a new and long password", CancellationToken.None, iterations: 10_000);
        Assert.Null(reset.LockedUntil);
        Assert.Equal(0, reset.FailedLogins);
        Assert.NotEqual(user.PasswordHash, reset.PasswordHash);
        Assert.Null(await users.SignInAsync(user.Email, Password, StaffSession.Address, CancellationToken.None));
        Assert.NotNull(await users.SignInAsync(user.Email, "a new and long password", StaffSession.Address, CancellationToken.None));
        await Assert.ThrowsAsync<UserException>(() => users.ResetPasswordAsync(424242, "a new and long password", CancellationToken.None, iterations: 10_000));
    }

    [Fact]
    public async Task Unlocking_lets_the_right_password_in_again_at_once()
    {
        using var factory = new CecopWebFactory();
        var users = factory.Services.GetRequiredService<UserStore>();
        var user = await users.AddAsync("forgetful@cecop.example", "Forgetful", "viewer", Password, CancellationToken.None, iterations: 10_000);
        for (var i = 0; i < 5; i++) await users.SignInAsync(user.Email, "wrong " + i, StaffSession.Address, CancellationToken.None);
        Assert.Null(await users.SignInAsync(user.Email, Password, StaffSession.Address, CancellationToken.None));

        var unlocked = await users.UnlockAsync(user.Id, CancellationToken.None);

        Assert.Null(unlocked.LockedUntil);
        Assert.NotNull(await users.SignInAsync(user.Email, Password, StaffSession.Address, CancellationToken.None));
        await Assert.ThrowsAsync<UserException>(() => users.UnlockAsync(424242, CancellationToken.None));
    }
}
