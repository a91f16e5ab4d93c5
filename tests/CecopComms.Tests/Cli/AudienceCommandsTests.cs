using System.Text.Json.Nodes;
using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Cli;

public sealed class AudienceCommandsTests : WorkspaceTest
{
    [Fact]
    public async Task A_fresh_database_has_the_two_seeded_lists_and_nothing_else()
    {
        var lists = (await Workspace.Json("lists", "list")).AsArray();

        Assert.Equal(["cecop-link", "external-newsletter"], lists.Select(l => l!["slug"]!.GetValue<string>()));
        Assert.True(lists[0]!["members_only"]!.GetValue<bool>());
        Assert.Empty((await Workspace.Json("orgs", "list")).AsArray());
        Assert.Empty((await Workspace.Json("segments", "list")).AsArray());
        if (!TestStorage.IsPostgres) Assert.True(File.Exists(Workspace.DatabasePath));
    }

    [Fact]
    public async Task Members_only_refusal_reaches_the_user_as_a_sentence_with_exit_code_1()
    {
        var refused = await Workspace.Refused("subscribers", "add", "ana@example.org", "--list", "cecop-link");

        Assert.Equal("ana@example.org is not a contact of a member organisation; CECOP Link (cecop-link) is for members only.", refused.Stderr.Trim());
        await Workspace.Refused("subscribers", "show", "ana@example.org");
    }

    [Fact]
    public async Task Organisations_subscribers_lists_and_segments_work_together()
    {
        await Workspace.Ok("orgs", "add", "Legacoop Produzione e Servizi", "--country", "Italy", "--category", "full member", "--website", "https://legacoop.example");
        await Workspace.Ok("subscribers", "add", "Marco@Legacoop.example", "--name", "Marco", "--language", "it", "--org", "Legacoop Produzione e Servizi",
            "--attr", "sector=social care", "--list", "cecop-link", "--list", "external-newsletter");
        await Workspace.Ok("subscribers", "add", "eva@example.se", "--language", "sv", "--list", "external-newsletter", "--confirmed", "--consent", "2026-01");

        var org = await Workspace.Json("orgs", "show", "legacoop produzione e servizi");
        Assert.Equal("IT", org["organisation"]!["country"]!.GetValue<string>());
        Assert.Equal("full", org["organisation"]!["category"]!.GetValue<string>());
        Assert.Equal("Marco@legacoop.example", org["contacts"]![0]!["email"]!.GetValue<string>());

        var newsletter = await Workspace.Json("lists", "show", "external-newsletter");
        Assert.Equal((1, 1, 0), (newsletter["confirmed"]!.GetValue<int>(), newsletter["unconfirmed"]!.GetValue<int>(), newsletter["unsubscribed"]!.GetValue<int>()));

        await Workspace.Ok("segments", "create", "italian-care", "--name", "Italian care co-ops", "--where", "country=IT", "--where", "attr:sector~care");
        var segment = await Workspace.Json("segments", "show", "italian-care");
        Assert.Equal(1, segment["count"]!.GetValue<int>());
        Assert.Equal("country", segment["segment"]!["filter"]!["all"]![0]!["field"]!.GetValue<string>());

        var subscriber = await Workspace.Json("subscribers", "show", "MARCO@legacoop.example");
        Assert.Equal("social care", subscriber["subscriber"]!["attributes"]!["sector"]!.GetValue<string>());
        Assert.Equal(2, subscriber["subscriptions"]!.AsArray().Count);

        var members = (await Workspace.Json("subscribers", "list", "list:external-newsletter")).AsArray();
        Assert.Equal([("Marco@legacoop.example", "unconfirmed"), ("eva@example.se", "confirmed")],
            members.Select(m => (m!["email"]!.GetValue<string>(), m["subscription_status"]!.GetValue<string>())));

        var csv = Workspace.Path("export.csv");
        await Workspace.Ok("subscribers", "export", "--segment", "italian-care", "--out", csv);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(2, lines.Length);
        // A segment's export has the columns of its export from the admin page: the lists a person is confirmed on.
        Assert.Equal("email,name,language,organisation,country,status,lists,attributes,created_at", lines[0]);
        Assert.StartsWith("Marco@legacoop.example,Marco,it,Legacoop Produzione e Servizi,IT,active,cecop-link,", lines[1]);
    }

    [Fact]
    public async Task Data_prints_everything_and_erase_asks_for_yes_then_keeps_counts()
    {
        await Workspace.Ok("subscribers", "add", "eva@example.se", "--name", "Eva", "--list", "external-newsletter", "--confirmed", "--consent", "2026-01", "--consent-channel", "192.0.2.1");

        var data = JsonNode.Parse((await Workspace.Ok("subscribers", "data", "EVA@example.se")).Stdout)!;
        Assert.Equal("Eva", data["subscriber"]!["name"]!.GetValue<string>());
        Assert.Equal("192.0.2.1", data["consents"]![0]!["channel"]!.GetValue<string>());
        Assert.Equal("external-newsletter", data["subscriptions"]![0]!["list_slug"]!.GetValue<string>());

        var refused = await Workspace.Refused("subscribers", "erase", "eva@example.se");
        Assert.Contains("--yes", refused.Stderr);
        await Workspace.Ok("subscribers", "show", "eva@example.se");

        await Workspace.Ok("subscribers", "erase", "eva@example.se", "--yes");
        await Workspace.Refused("subscribers", "data", "eva@example.se");
        Assert.Equal(1, (await Workspace.Json("lists", "show", "external-newsletter"))["confirmed"]!.GetValue<int>());
    }

    [Fact]
    public async Task Lists_can_be_created_and_their_mistakes_are_user_errors()
    {
        var created = await Workspace.Json("lists", "create", "coopskills-2023", "--name", "#CoopSkills2023", "--public", "--double-opt-in");
        Assert.Equal(("public", true, false), (created["visibility"]!.GetValue<string>(), created["double_opt_in"]!.GetValue<bool>(), created["members_only"]!.GetValue<bool>()));

        Assert.Contains("already exists", (await Workspace.Refused("lists", "create", "coopskills-2023", "--name", "Again")).Stderr);
        Assert.Contains("slug", (await Workspace.Refused("lists", "create", "Coop Skills", "--name", "Bad slug")).Stderr);
        await Workspace.Refused("lists", "show", "nothing-here");
        await Workspace.Refused("segments", "create", "x", "--name", "X", "--where", "city=Rome");
        await Workspace.Refused("subscribers", "export", "--out", Workspace.Path("x.csv"));
        Workspace.WriteFile("taken", "a file where a folder should be");
        Assert.Contains("Cannot write", (await Workspace.Refused("subscribers", "export", "--list", "cecop-link", "--out", Workspace.Path("taken/x.csv"))).Stderr);
    }
}
