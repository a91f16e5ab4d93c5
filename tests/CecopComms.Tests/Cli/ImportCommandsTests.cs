using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Cli;

public sealed class ImportCommandsTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Organisations_then_their_contacts_import_with_a_result_table_and_a_column_map()
    {
        var orgs = _workspace.WriteFile("orgs.csv", "Member;Land;category\nLegacoop Produzione e Servizi;IT;full\nCOCETA;ES;associated\n");
        var people = _workspace.WriteFile("people.csv", "email,name,organisation\nmarco@legacoop.example,Marco,Legacoop Produzione e Servizi\nnot-an-address,Nobody,COCETA\n");
        var errors = _workspace.Path("rejected.csv");

        var orgResult = await _workspace.Ok("orgs", "import", orgs, "--map", "Land=country");
        var peopleResult = await _workspace.Ok("subscribers", "import", people, "--list", "cecop-link", "--errors", errors);

        Assert.Contains("inserted", orgResult.Stdout);
        Assert.Matches(@"rejected\s*│\s*1", peopleResult.Stdout);
        Assert.True(File.Exists(errors));
        Assert.Equal(2, (await _workspace.Json("orgs", "list")).AsArray().Count);
        Assert.Equal(1, (await _workspace.Json("lists", "show", "cecop-link"))["confirmed"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_dry_run_changes_nothing_and_a_missing_file_or_list_is_a_user_error()
    {
        var orgs = _workspace.WriteFile("orgs.csv", "name,country,category\nCOCETA,ES,associated\n");

        var dry = await _workspace.Ok("orgs", "import", orgs, "--dry-run");

        Assert.Contains("dry run", dry.Stdout);
        Assert.Empty((await _workspace.Json("orgs", "list")).AsArray());
        await _workspace.Refused("orgs", "import", _workspace.Path("missing.csv"));
        await _workspace.Refused("subscribers", "import", orgs, "--list", "no-such-list");
        await _workspace.Refused("orgs", "import", orgs, "--map", "no equals sign");
    }
}
