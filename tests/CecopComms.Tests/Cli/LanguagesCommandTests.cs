using System.Text.Json.Nodes;
using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Cli;

/// <summary>cecop languages list|check, run as a user runs them.</summary>
public sealed class LanguagesCommandTests : WorkspaceTest
{
    [Fact]
    public async Task List_shows_each_shipped_language_by_its_own_name_with_its_words()
    {
        var languages = (await Workspace.Json("languages", "list")).AsArray();

        Assert.Equal(["en", "de", "es", "fr", "it", "pl", "pt"], languages.Select(l => l!["tag"]!.GetValue<string>()));
        Assert.All(languages, l => Assert.Equal(0, l!["missing"]!.GetValue<int>()));
        Assert.Equal("Polski", languages[5]!["name"]!.GetValue<string>());
        var table = (await Workspace.Ok("languages", "list")).Stdout;
        Assert.Contains("Français", table);
        Assert.Contains("Português", table);
    }

    [Fact]
    public async Task Check_of_the_shipped_languages_succeeds_and_shows_a_date_in_each()
    {
        var result = await Workspace.Ok("languages", "check");

        foreach (var date in new[] { "3 June 2021", "3 juin 2021", "3 giugno 2021", "3 de junio de 2021", "3. Juni 2021", "3 czerwca 2021", "3 de junho de 2021" })
            Assert.Contains(date, result.Stdout);
        Assert.Matches(@"Every shipped language has all \d+ words of English\.", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Check_refuses_a_shipped_language_without_words_and_lists_what_it_lacks()
    {
        Workspace.WriteSettings(new JsonObject
        {
            ["Storage"] = new JsonObject { ["Path"] = Workspace.DatabasePath },
            ["Languages"] = new JsonObject { ["Shipped"] = new JsonArray("en", "fr", "sv") },
        });

        var refused = await Workspace.Refused("languages", "check");

        Assert.StartsWith("sv has no ReaderText.sv.resx. A shipped language needs every word of ReaderText.resx", refused.Stderr.Trim());
        Assert.Contains("sv (Svenska) has no ReaderText.sv.resx: copy ReaderText.resx to it", refused.Stdout);
        Assert.DoesNotContain("fr (", refused.Stdout);
        var json = JsonNode.Parse((await Workspace.Refused("languages", "check", "--format", "json")).Stdout)!.AsArray();
        var swedish = json.Single(l => l!["tag"]!.GetValue<string>() == "sv")!;
        Assert.False(swedish["complete"]!.GetValue<bool>());
        Assert.Contains("read_more", swedish["missing"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal("3 June 2021", swedish["date"]!.GetValue<string>());
        Assert.True(json.Single(l => l!["tag"]!.GetValue<string>() == "fr")!["complete"]!.GetValue<bool>());
    }
}
