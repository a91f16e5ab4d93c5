using CecopComms.Tests.Cli;
using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.ContentTests;

/// <summary>
/// cecop editions load and cecop campaigns load given hostile files, through the built executable: each is refused
/// with its file, line and column, the process ends with exit code 1 and no stack trace, and nothing is saved.
/// </summary>
public sealed class HostileSourceCommandsTests : WorkspaceTest
{
    private const string Head = "publication: cecop-newsletter\ndate: 2026-06-01\n";
    private const string Items = "items:\n  - date: 2026-05-30\n    title: Assembly\n    tags: [Event]\n    summary: The general assembly met.\n    link: https://cecop.coop/works/assembly\n";

    private async Task<string> EditionRefusedAsync(string text)
    {
        var file = Workspace.WriteFile("hostile.yaml", text);
        var refused = await Workspace.Refused("editions", "load", file);
        Assert.Empty((await Workspace.Json("editions", "list")).AsArray());
        return refused.Stderr;
    }

    [Fact]
    public async Task An_edition_nested_eighty_kilobytes_deep_is_refused_without_crashing_the_process()
    {
        var stderr = await EditionRefusedAsync(Head + "subject: " + new string('[', 80_000) + "\n");

        Assert.Contains("hostile.yaml:3:73: error: lists or mappings are put inside one another more than 64 levels deep here", stderr);
        // The 80 KB line is quoted around the place, not whole.
        Assert.True(stderr.Length < 2_000, $"{stderr.Length} characters of errors");
    }

    [Fact]
    public async Task An_alias_bomb_is_refused_at_its_first_alias()
    {
        var stderr = await EditionRefusedAsync(Head + "subject: x\nintro: &big \"" + new string('A', 100_000) + "\"\n" + Items.Replace("summary: The general assembly met.", "summary: [" + string.Join(", ", Enumerable.Repeat("*big", 1_000)) + "]"));

        Assert.Contains("hostile.yaml:9:15: error: '*big' repeats an earlier part of the file (a YAML alias)", stderr);
    }

    [Fact]
    public async Task Markdown_ten_thousand_quotes_deep_is_refused_at_the_quote_past_the_limit()
    {
        var stderr = await EditionRefusedAsync(Head + "subject: x\nintro: |\n  " + string.Concat(Enumerable.Repeat("> ", 10_000)) + "deep\n" + Items);

        Assert.Contains("hostile.yaml:5:67: error: this text puts quotes (>) or lists inside one another more than 32 levels deep", stderr);
    }

    // The demo campaign copied into the workspace, with one file changed.
    private async Task<string> CampaignRefusedAsync(string file, Func<string, string> change)
    {
        var source = Path.Combine(ContentTestBed.Repository, "campaigns", "coopskills2023");
        var folder = Workspace.Path(Path.Combine("campaigns", "coopskills2023"));
        Directory.CreateDirectory(folder);
        foreach (var path in Directory.GetFiles(source)) File.Copy(path, Path.Combine(folder, Path.GetFileName(path)));
        File.WriteAllText(Path.Combine(folder, file), change(File.ReadAllText(Path.Combine(source, file))));
        var refused = await Workspace.Refused("campaigns", "load", folder);
        Assert.Empty((await Workspace.Json("campaigns", "list")).AsArray());
        return refused.Stderr;
    }

    [Fact]
    public async Task A_campaign_sender_with_a_line_break_is_refused_at_load()
    {
        var stderr = await CampaignRefusedAsync("campaign.yaml", yaml => yaml
            .Replace("from_name: CECOP", "from_name: \"CECOP\\nBcc: everyone@example.org\"")
            .Replace("from_address: communication@cecop.coop", "from_address: \"communication@cecop.coop\\r\\nBcc: everyone@example.org\""));

        Assert.Contains("campaign.yaml:8:14: error: 'from_name' goes into the e-mail's header, so it must be one line of text", stderr);
        Assert.Contains("campaign.yaml:9:17: error: this text holds a carriage return", stderr);
        Assert.Contains("campaign.yaml:9:17: error: 'from_address' must be one e-mail address (the address contains a control character)", stderr);
    }

    [Fact]
    public async Task A_campaign_nested_eighty_kilobytes_deep_is_refused_without_crashing_the_process()
    {
        var stderr = await CampaignRefusedAsync("campaign.yaml", yaml => yaml.Replace("languages: [en, it]", "languages: " + new string('[', 80_000)));

        Assert.Contains("campaign.yaml:11:75: error: lists or mappings are put inside one another more than 64 levels deep here", stderr);
    }

    [Fact]
    public async Task A_campaign_mailing_with_Markdown_ten_thousand_lists_deep_is_refused_at_its_line()
    {
        var stderr = await CampaignRefusedAsync("01-launch.md", text =>
        {
            var close = text.IndexOf("---\n", 4, StringComparison.Ordinal) + 4;
            return text[..close] + string.Concat(Enumerable.Repeat("- ", 10_000)) + "deep\n\n" + text[close..];
        });

        Assert.Contains("01-launch.md:6:65: error: this text puts quotes (>) or lists inside one another more than 32 levels deep", stderr);
    }

    [Fact]
    public async Task A_campaign_mailing_subject_with_a_control_character_is_refused()
    {
        var stderr = await CampaignRefusedAsync("01-launch.md", text => text.Replace("subject: \"#CoopSkills2023: the", "subject: \"#CoopSkills2023:\\x01 the"));

        Assert.Contains("01-launch.md:3:10: error: this text holds an invisible control character (U+0001)", stderr);
    }
}
