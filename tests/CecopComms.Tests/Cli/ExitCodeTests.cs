using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Cli;

public sealed class ExitCodeTests : WorkspaceTest
{
    [Fact]
    public async Task An_unknown_command_or_option_is_a_user_error()
    {
        Assert.Equal(1, (await CecopProcess.RunAsync(Workspace, "lists", "explode")).ExitCode);
        Assert.Equal(1, (await CecopProcess.RunAsync(Workspace, "lists", "list", "--format", "xml")).ExitCode);
    }

    [Fact]
    public async Task Help_succeeds_and_documents_the_segment_syntax()
    {
        var result = await CecopProcess.RunAsync(Workspace, "segments", "create", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("attr:NAME~TEXT", result.Stdout);
    }

    [SqliteFact]
    public async Task A_broken_database_is_an_internal_error_with_a_short_message_and_a_details_file()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Workspace.DatabasePath)!);
        File.WriteAllText(Workspace.DatabasePath, new string('x', 4096));

        var result = await CecopProcess.RunAsync(Workspace, "lists", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("   at ", result.Stderr);
        var details = result.Stderr[(result.Stderr.IndexOf("Details are in ", StringComparison.Ordinal) + "Details are in ".Length)..].Trim().TrimEnd('.');
        Assert.Contains("   at ", File.ReadAllText(details));
    }
}
