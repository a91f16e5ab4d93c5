using System.Text.Json.Nodes;
using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Cli;

/// <summary>Runs cecop in one workspace and reads its JSON output.</summary>
internal static class CliRunner
{
    public static async Task<CecopResult> Ok(this TempWorkspace workspace, params string[] args)
    {
        var result = await CecopProcess.RunAsync(workspace, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    public static async Task<JsonNode> Json(this TempWorkspace workspace, params string[] args) =>
        JsonNode.Parse((await workspace.Ok([.. args, "--format", "json"])).Stdout)!;

    public static async Task<CecopResult> Refused(this TempWorkspace workspace, params string[] args)
    {
        var result = await CecopProcess.RunAsync(workspace, args);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.DoesNotContain("   at ", result.Stderr);
        return result;
    }
}
