using System.Text.Json.Nodes;
using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Cli;

public sealed class ConfigurationTests : WorkspaceTest
{
    private Task<CecopResult> Run(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        CecopProcess.RunAsync(args, Workspace.Root, environment);

    [SqliteFact]
    public async Task An_environment_variable_overrides_appsettings()
    {
        var other = Workspace.Path("env/other.db");

        var result = await Run(new Dictionary<string, string?> { ["Storage__Path"] = other }, "lists", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(other), result.ToString());
        Assert.False(File.Exists(Workspace.DatabasePath));
    }

    [SqliteFact]
    public async Task A_config_file_overrides_appsettings_and_environment()
    {
        var fromFile = Workspace.Path("cfg/from-file.db");
        var config = Workspace.WriteFile("override.json", new JsonObject { ["Storage"] = new JsonObject { ["Path"] = fromFile } }.ToJsonString());

        var result = await Run(new Dictionary<string, string?> { ["Storage__Path"] = Workspace.Path("env.db") }, "lists", "list", "--config", config);

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(fromFile), result.ToString());
        Assert.False(File.Exists(Workspace.Path("env.db")));
    }

    // The setting that names the database: the file on SQLite, the connection string on PostgreSQL (which has no file).
    public static TheoryData<string, string, string> BadSettings => TestStorage.IsPostgres
        ? new() { { "Storage__Provider", "oracle", "Storage:Provider" }, { "Storage__ConnectionString", "", "Storage:ConnectionString" } }
        : new() { { "Storage__Provider", "oracle", "Storage:Provider" }, { "Storage__Path", "", "Storage:Path" } };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_is_a_user_error_naming_it(string variable, string value, string named)
    {
        var result = await Run(new Dictionary<string, string?> { [variable] = value }, "lists", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(named, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task A_sentence_that_ends_in_a_quoted_value_keeps_its_closing_quote()
    {
        var result = await Run(new Dictionary<string, string?> { ["Delivery__Transport"] = "pigeon" }, "lists", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Delivery:Transport must be 'outbox' or 'smtp'.", result.Stderr);
    }

    [Fact]
    public async Task A_missing_config_file_is_a_user_error()
    {
        var result = await CecopProcess.RunAsync(Workspace, "lists", "list", "--config", "missing.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("missing.json", result.Stderr);
    }

    [Fact]
    public async Task Settings_that_are_not_json_are_a_user_error()
    {
        Workspace.WriteFile("appsettings.json", "{ \"Storage\": ");

        var result = await CecopProcess.RunAsync(Workspace, "lists", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not valid JSON", result.Stderr);
    }

    [Fact]
    public async Task Without_appsettings_in_the_working_directory_the_defaults_next_to_the_executable_apply()
    {
        File.Delete(Workspace.Path("appsettings.json"));
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(CecopProcess.Executable)!, "appsettings.json")));

        var result = await CecopProcess.RunAsync(Workspace, "lists", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Workspace.Path("data/cecop.db")), result.ToString());
    }
}
