using CecopComms.Tests.Infrastructure;
using Dapper;

namespace CecopComms.Tests.Web;

/// <summary>cecop users add: the password comes from standard input or a file, never an argument, and is stored hashed.</summary>
public sealed class UserCommandsTests
{
    [Fact]
    public async Task An_account_is_created_with_a_salted_PBKDF2_hash_of_the_password_read_from_standard_input()
    {
        using var workspace = new TempWorkspace();

        var result = await CecopProcess.RunAsync(["users", "add", "Sofia@CECOP.example", "--name", "Sofia Rossi", "--role", "admin"], workspace.Root, stdin: "a long enough password\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Account Sofia@cecop.example (admin) created.", result.Stdout);
        var database = await workspace.OpenDatabaseAsync();
        await using var connection = await database.OpenAsync();
        var row = await connection.QuerySingleAsync<(string EmailKey, string Role, string Hash, string Salt, long Iterations)>(
            "SELECT email_key, role, password_hash, password_salt, password_iterations FROM users");
        Assert.Equal(("sofia@cecop.example", "admin", 600_000L), (row.EmailKey, row.Role, row.Iterations));
        Assert.Equal(16, Convert.FromBase64String(row.Salt).Length);
        Assert.True(CecopComms.Web.Admin.PasswordHasher.Verify("a long enough password", row.Hash, row.Salt, (int)row.Iterations));
        if (!TestStorage.IsPostgres) Assert.DoesNotContain("a long enough password", await File.ReadAllTextAsync(workspace.DatabasePath));
    }

    [Fact]
    public async Task A_short_password_a_missing_file_or_a_second_account_for_the_address_is_refused_with_a_sentence()
    {
        using var workspace = new TempWorkspace();
        var file = workspace.WriteFile("password.txt", "another long password\n");

        var short_ = await CecopProcess.RunAsync(["users", "add", "a@cecop.example"], workspace.Root, stdin: "short\n");
        var missing = await CecopProcess.RunAsync(["users", "add", "a@cecop.example", "--password-file", "nope.txt"], workspace.Root);
        var first = await CecopProcess.RunAsync(["users", "add", "a@cecop.example", "--password-file", file], workspace.Root);
        var second = await CecopProcess.RunAsync(["users", "add", "A@cecop.example", "--password-file", file], workspace.Root);

        Assert.Equal((1, 1, 0, 1), (short_.ExitCode, missing.ExitCode, first.ExitCode, second.ExitCode));
        Assert.Contains("at least 12 characters", short_.Stderr);
        Assert.Contains("nope.txt does not exist", missing.Stderr);
        Assert.Contains("already has an account", second.Stderr);
    }
}
