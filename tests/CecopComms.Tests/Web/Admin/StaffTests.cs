using System.Net;
using CecopComms.Web.Admin;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Tests.Web.Admin.StaffSession;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web.Admin;

/// <summary>The staff pages: admins list, add, change role, reset a password and unlock; editors and viewers get 403 everywhere.</summary>
public sealed class StaffTests(CecopWebFactory factory) : IClassFixture<CecopWebFactory>
{
    private UserStore Users => factory.Services.GetRequiredService<UserStore>();

    [Fact]
    public async Task An_admin_sees_the_accounts_without_their_hashes_and_adds_one_that_can_sign_in()
    {
        var (client, admin) = await SignInAsync(factory, "admin");
        var html = await HtmlAsync(client, "/admin/staff");
        Assert.Contains(admin.Email, html);
        Assert.Contains("<a href=\"/admin/staff\" aria-current=\"page\">Staff</a>", html);
        Assert.DoesNotContain(admin.PasswordHash, html);
        Assert.DoesNotContain(admin.PasswordSalt, html);

        // Two different passwords, then one too short: the form says why and adds nobody.
        using (var mismatch = await PostAsync(client, "/admin/staff", ("__csrf", await CsrfAsync(client, "/admin/staff")),
                   ("Email", "marta@cecop.example"), ("Name", "Marta"), ("Role", "editor"), ("Password", "a long password one"), ("Repeat", "a long password two")))
        {
            Assert.Equal(HttpStatusCode.OK, mismatch.StatusCode);
            Assert.Contains("The two passwords are not the same", await mismatch.Content.ReadAsStringAsync());
        }
        using (var shortOne = await PostAsync(client, "/admin/staff", ("__csrf", await CsrfAsync(client, "/admin/staff")),
                   ("Email", "marta@cecop.example"), ("Name", "Marta"), ("Role", "editor"), ("Password", "short"), ("Repeat", "short")))
            Assert.Contains($"at least {PasswordHasher.MinimumLength} characters", await shortOne.Content.ReadAsStringAsync());
        Assert.DoesNotContain((await Users.ListAsync(CancellationToken.None)), u => u.Email == "marta@cecop.example");

        using (var added = await PostAsync(client, "/admin/staff", ("__csrf", await CsrfAsync(client, "/admin/staff")),
                   ("Email", "Marta@CECOP.example"), ("Name", "Marta <Rossi>"), ("Role", "editor"), ("Password", "a long password one"), ("Repeat", "a long password one")))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }
        var list = await HtmlAsync(client, "/admin/staff");
        Assert.Contains("can now sign in as editor", list);
        Assert.Contains("Marta &lt;Rossi&gt;", list);
        Assert.NotNull(await Users.SignInAsync("marta@cecop.example", "a long password one", Address, CancellationToken.None));
    }

    [Fact]
    public async Task An_admin_changes_a_role_sets_a_new_password_and_unlocks()
    {
        var (client, _) = await SignInAsync(factory, "admin");
        var other = await Users.AddAsync($"piotr-{Guid.NewGuid():N}@cecop.example", "Piotr", "viewer", Password, CancellationToken.None, iterations: 10_000);
        var page = $"/admin/staff/{other.Id}";

        using (var role = await PostAsync(client, page + "?handler=Role", ("__csrf", await CsrfAsync(client, page)), ("Role", "editor")))
            Assert.Equal(HttpStatusCode.Redirect, role.StatusCode);
        Assert.Equal("editor", (await Users.GetAsync(other.Id, CancellationToken.None))!.Role);

        for (var i = 0; i < 5; i++) await Users.SignInAsync(other.Email, "wrong " + i, Address, CancellationToken.None);
        Assert.NotNull((await Users.GetAsync(other.Id, CancellationToken.None))!.LockedUntil);
        Assert.Contains("Locked until", await HtmlAsync(client, "/admin/staff"));
        using (var unlock = await PostAsync(client, page + "?handler=Unlock", ("__csrf", await CsrfAsync(client, page))))
            Assert.Equal(HttpStatusCode.Redirect, unlock.StatusCode);
        var unlocked = (await Users.GetAsync(other.Id, CancellationToken.None))!;
        Assert.Null(unlocked.LockedUntil);
        Assert.Equal(0, unlocked.FailedLogins);

        using (var mismatch = await PostAsync(client, page + "?handler=Password", ("__csrf", await CsrfAsync(client, page)), ("Password", "a brand new password"), ("Repeat", "another one entirely")))
            Assert.Contains("The two passwords are not the same", await mismatch.Content.ReadAsStringAsync());
        using (var reset = await PostAsync(client, page + "?handler=Password", ("__csrf", await CsrfAsync(client, page)), ("Password", "a brand new password"), ("Repeat", "a brand new password")))
            Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Contains("has a new password", await HtmlAsync(client, page));
        Assert.Null(await Users.SignInAsync(other.Email, Password, Address, CancellationToken.None));
        Assert.NotNull(await Users.SignInAsync(other.Email, "a brand new password", Address, CancellationToken.None));

        using var missing = await client.GetAsync("/admin/staff/999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("editor")]
    [InlineData("viewer")]
    public async Task Editors_and_viewers_get_403_on_every_staff_page_and_no_link_to_them(string role)
    {
        var (client, user) = await SignInAsync(factory, role);
        Assert.DoesNotContain("href=\"/admin/staff\"", await HtmlAsync(client, "/admin/reports"));

        foreach (var path in new[] { "/admin/staff", $"/admin/staff/{user.Id}" })
        {
            using var get = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        }
        // The POSTs, with a valid antiforgery field of this client's own (taken from a page it may read).
        var csrf = await CsrfAsync(client, "/admin/reports/channels");
        using (var add = await PostAsync(client, "/admin/staff", ("__csrf", csrf), ("Email", $"sneaky-{role}@cecop.example"), ("Role", "admin"), ("Password", Password), ("Repeat", Password)))
            Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        using (var promote = await PostAsync(client, $"/admin/staff/{user.Id}?handler=Role", ("__csrf", csrf), ("Role", "admin")))
            Assert.Equal(HttpStatusCode.Forbidden, promote.StatusCode);
        using (var reset = await PostAsync(client, $"/admin/staff/{user.Id}?handler=Password", ("__csrf", csrf), ("Password", "taken over account"), ("Repeat", "taken over account")))
            Assert.Equal(HttpStatusCode.Forbidden, reset.StatusCode);
        Assert.DoesNotContain(await Users.ListAsync(CancellationToken.None), u => u.Email == $"sneaky-{role}@cecop.example");
        Assert.Equal(role, (await Users.GetAsync(user.Id, CancellationToken.None))!.Role);
        Assert.NotNull(await Users.SignInAsync(user.Email, Password, Address, CancellationToken.None));
    }
}
