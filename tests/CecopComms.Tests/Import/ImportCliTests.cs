using CecopComms.Tests.Infrastructure;
using Dapper;

namespace CecopComms.Tests.Import;

/// <summary>The built cecop executable running the importers, as staff would from a terminal.</summary>
public sealed class ImportCliTests
{
    [Fact]
    public async Task Subscribers_import_writes_the_good_rows_and_the_error_report()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteFile("people.csv", "E-mail;Name;Lang\nana@example.es;Ana;es\nnot-an-address;Bad;en\n");

        var run = await CecopProcess.RunAsync(workspace, "subscribers", "import", "people.csv", "--list", "external-newsletter", "--errors", "errors.csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = await File.ReadAllTextAsync(workspace.Path("errors.csv"));
        Assert.Equal("E-mail;Name;Lang;import error\r\nnot-an-address;Bad;en;line 3, E-mail: the address has no '@'\r\n", report.Replace("\uFEFF", ""));
        var database = await workspace.OpenDatabaseAsync();
        await using var connection = await database.OpenAsync();
        Assert.Equal(["ana@example.es|es"], await connection.QueryAsync<string>("SELECT email || '|' || language FROM subscribers"));
    }

    [Fact]
    public async Task Organisations_import_counts_an_organisation_repeated_on_each_contact_s_row_apart_from_the_rejected()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteFile("contacts.csv", "organisation,country,category,contact\nCOCETA,ES,full,ana@coceta.coop\nCOCETA,ES,full,luis@coceta.coop\nNowhere,Atlantis,full,x@y.org\n");

        var run = await CecopProcess.RunAsync(workspace, "orgs", "import", "contacts.csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"already in this file\s*│\s*1\s*│", run.Stdout);
        Assert.Matches(@"rejected\s*│\s*1\s*│", run.Stdout);
    }

    [Fact]
    public async Task An_unknown_list_exits_1_with_a_sentence_and_imports_nothing()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteFile("people.csv", "email\nana@example.es\n");

        var run = await CecopProcess.RunAsync(workspace, "subscribers", "import", "people.csv", "--list", "no-such-list");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("The list 'no-such-list' does not exist, so 'people.csv' cannot be imported into it.", run.Stderr.ReplaceLineEndings(" "));
    }
}
