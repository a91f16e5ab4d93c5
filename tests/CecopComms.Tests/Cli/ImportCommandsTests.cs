using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Cli;

public sealed class ImportCommandsTests : WorkspaceTest
{
    [Fact]
    public async Task Organisations_then_their_contacts_import_with_a_result_table_and_a_column_map()
    {
        var orgs = Workspace.WriteFile("orgs.csv", "Member;Land;category\nLegacoop Produzione e Servizi;IT;full\nCOCETA;ES;associated\n");
        var people = Workspace.WriteFile("people.csv", "email,name,organisation\nmarco@legacoop.example,Marco,Legacoop Produzione e Servizi\nnot-an-address,Nobody,COCETA\n");
        var errors = Workspace.Path("rejected.csv");

        var orgResult = await Workspace.Ok("orgs", "import", orgs, "--map", "Land=country");
        var peopleResult = await Workspace.Ok("subscribers", "import", people, "--list", "cecop-link", "--errors", errors);

        Assert.Contains("inserted", orgResult.Stdout);
        Assert.Matches(@"rejected\s*│\s*1", peopleResult.Stdout);
        Assert.True(File.Exists(errors));
        Assert.Equal(2, (await Workspace.Json("orgs", "list")).AsArray().Count);
        Assert.Equal(1, (await Workspace.Json("lists", "show", "cecop-link"))["confirmed"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_dry_run_changes_nothing_and_a_missing_file_or_list_is_a_user_error()
    {
        var orgs = Workspace.WriteFile("orgs.csv", "name,country,category\nCOCETA,ES,associated\n");

        var dry = await Workspace.Ok("orgs", "import", orgs, "--dry-run");

        Assert.Contains("dry run", dry.Stdout);
        Assert.Empty((await Workspace.Json("orgs", "list")).AsArray());
        await Workspace.Refused("orgs", "import", Workspace.Path("missing.csv"));
        await Workspace.Refused("subscribers", "import", orgs, "--list", "no-such-list");
        await Workspace.Refused("orgs", "import", orgs, "--map", "no equals sign");
    }
}
