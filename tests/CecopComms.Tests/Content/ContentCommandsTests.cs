using CecopComms.Tests.Cli;
using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.ContentTests;

/// <summary>cecop editions, campaigns and publications through the built executable.</summary>
public sealed class ContentCommandsTests : WorkspaceTest
{
    private static string Repo(params string[] parts) => Path.Combine([ContentTestBed.Repository, .. parts]);

    [Fact]
    public async Task Editions_load_list_show_validate_and_preview_in_a_language()
    {
        var publications = (await Workspace.Json("publications", "list")).AsArray();
        Assert.Equal(["cecop-link", "cecop-newsletter"], publications.Select(p => p!["slug"]!.GetValue<string>()));

        var loaded = await Workspace.Json("editions", "load", Repo("editions", "cecop-link-2021-06.yaml"));
        Assert.Equal("CECOP Link #6 - 2021", loaded["edition"]!["title"]!.GetValue<string>());
        Assert.NotEmpty(loaded["warnings"]!.AsArray());
        await Workspace.Ok("editions", "load", Repo("editions", "cecop-newsletter-2021-06.yaml"));
        var created = await Workspace.Json("editions", "new", "--publication", "cecop-newsletter", "--subject", "Autumn news", "--date", "2021-10-01");
        Assert.Equal("CECOP Newsletter #2 - 2021", created["edition"]!["title"]!.GetValue<string>());

        var list = (await Workspace.Json("editions", "list")).AsArray();
        Assert.Equal(3, list.Count);
        var show = await Workspace.Json("editions", "show", "1");
        Assert.Equal(["en", "fr", "it", "es"], show["languages"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal(5, show["items"]!.AsArray().Count);

        var valid = await Workspace.Ok("editions", "validate", "2");
        Assert.Contains("valid (CECOP Newsletter #1 - 2021", valid.Stdout);

        await Workspace.Ok("editions", "preview", "2", "--lang", "it", "--out", Workspace.Path("it.html"));
        var html = File.ReadAllText(Workspace.Path("it.html"));
        Assert.Contains("<html lang=\"it\">", html);
        Assert.Contains("9 giugno 2021", html);
        Assert.Matches("href=\"[^\"]+/unsubscribe/[^\"]+\"", html);
        var text = await Workspace.Ok("editions", "preview", "2", "--lang", "fr");
        Assert.StartsWith("Subject: L'économie sociale à l'honneur", text.Stdout);
        Assert.Contains("Avenue Milcamps 105, 1030 Bruxelles, Belgique", text.Stdout);
    }

    [Fact]
    public async Task A_broken_edition_is_refused_with_its_file_line_and_column_and_nothing_is_saved()
    {
        var file = Workspace.WriteFile("bad.yaml", "publication: cecop-link\ndate: 2023-13-01\nsubject: x\nintro: y\nitems:\n  - date: 2023-01-01\n    title: t\n    summary: s\n    link: http://cecop.coop\n");

        var refused = await Workspace.Refused("editions", "load", file);

        Assert.Contains("bad.yaml:2:7: error: 'date' must be a date written yyyy-MM-dd", refused.Stderr);
        Assert.Contains("bad.yaml:9:11: error: 'http://cecop.coop' is not an absolute https link", refused.Stderr);
        Assert.Empty((await Workspace.Json("editions", "list")).AsArray());
        await Workspace.Refused("editions", "show", "1");
    }

    [Fact]
    public async Task Eml_previews_need_the_delivery_module_or_go_through_it()
    {
        await Workspace.Ok("editions", "load", Repo("editions", "cecop-link-2021-06.yaml"));

        var result = await CecopProcess.RunAsync(Workspace, "editions", "preview", "1", "--out", Workspace.Path("x.eml"));

        if (result.ExitCode == 1) Assert.Contains(".eml previews need the delivery module", result.Stderr);
        else Assert.True(result.ExitCode == 0 && File.Exists(Workspace.Path("x.eml")), result.ToString());
    }

    [Fact]
    public async Task Campaigns_load_list_and_show_their_planned_mailings()
    {
        var loaded = await Workspace.Json("campaigns", "load", Repo("campaigns", "coopskills2023"));
        Assert.Equal("#CoopSkills2023", loaded["campaign"]!["hashtag"]!.GetValue<string>());

        var list = (await Workspace.Json("campaigns", "list")).AsArray();
        Assert.Equal("coopskills2023", list.Single()!["slug"]!.GetValue<string>());
        var show = await Workspace.Json("campaigns", "show", "coopskills2023");
        var mailings = show["mailings"]!.AsArray();
        Assert.Equal(4, mailings.Count);
        Assert.Equal("#CoopSkills2023: invitation to the conference", mailings[2]!["title"]!.GetValue<string>());
        Assert.Equal(["03-conference-invitation.it.md", "03-conference-invitation.md"], mailings[2]!["languages"]!.AsArray().Select(l => l!.GetValue<string>()));

        await Workspace.Ok("campaigns", "load", Repo("campaigns", "coopskills2023"));
        Assert.Single((await Workspace.Json("campaigns", "list")).AsArray());
        await Workspace.Refused("campaigns", "show", "nope");
    }

    [Fact]
    public async Task A_campaign_is_exported_as_the_folder_it_was_loaded_from()
    {
        await Workspace.Ok("campaigns", "load", Repo("campaigns", "coopskills2023"));
        var folder = Workspace.Path(Path.Combine("export", "coopskills2023"));
        var exported = await Workspace.Json("campaigns", "export", "coopskills2023", folder);
        var original = Directory.GetFiles(Repo("campaigns", "coopskills2023")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(original, exported["files"]!.AsArray().Select(f => f!.GetValue<string>()));
        foreach (var name in original)
            Assert.Equal(File.ReadAllText(Repo("campaigns", "coopskills2023", name!)), File.ReadAllText(Path.Combine(folder, name!)));

        var reloaded = await Workspace.Json("campaigns", "load", folder);
        Assert.Equal("#CoopSkills2023", reloaded["campaign"]!["hashtag"]!.GetValue<string>());
        Assert.Equal(4, reloaded["campaign"]!["mailings"]!.GetValue<long>());
        await Workspace.Refused("campaigns", "export", "nope", Workspace.Path("nope"));
    }

    [Fact]
    public async Task A_campaign_for_a_list_that_does_not_exist_is_refused_when_it_is_loaded_at_its_audience_line()
    {
        var folder = Workspace.Path("nowhere-campaign");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Repo("campaigns", "coopskills2023")))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var yaml = Path.Combine(folder, "campaign.yaml");
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("audience: list:external-newsletter", "audience: list:nowhere"));

        var refused = await Workspace.Refused("campaigns", "load", folder);

        Assert.Contains("campaign.yaml:6:11: error: ", refused.Stderr);
        Assert.Contains("'nowhere'", refused.Stderr);
        Assert.Empty((await Workspace.Json("campaigns", "list")).AsArray());
    }
}
