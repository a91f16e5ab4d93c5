using System.Net;
using CecopComms.Content.Validation;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// What an editor can paste into the YAML source tab to hurt the server or the archive, posted as an editor: nesting
/// that once overflowed the stack, alias bombs, oversize text, invisible control characters, header fields on two
/// lines and Markdown nested without end. Each is a problem at its line and column; nothing is saved; the server lives on.
/// </summary>
public sealed class HostileSourceTests(CecopWebFactory factory) : IClassFixture<CecopWebFactory>
{
    private const string Url = "/admin/content/editions/source";
    private const string Head = "publication: cecop-newsletter\ndate: 2026-06-01\n";
    private const string Items = "items:\n  - date: 2026-05-30\n    title: Assembly\n    tags: [Event]\n    summary: The general assembly met.\n    link: https://cecop.coop/works/assembly\n";

    // Posts the text as the source of a new edition; returns the page, decoded, after checking that nothing was saved.
    private async Task<string> RefusedAsync(string source)
    {
        var (client, _) = await StaffSession.SignInAsync(factory, "editor");
        using (client)
        {
            var before = await ScalarAsync<long>(factory, "SELECT count(*) FROM editions");
            using var response = await PostAsync(client, Url, ("__csrf", await CsrfAsync(client, Url)), ("Source", source));
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {html[..Math.Min(html.Length, 2000)]}");
            Assert.Equal(before, await ScalarAsync<long>(factory, "SELECT count(*) FROM editions"));
            // The server is still there to answer the next page.
            Assert.Contains("Write the introduction here.", await StaffSession.HtmlAsync(client, Url));
            return WebUtility.HtmlDecode(html);
        }
    }

    public static TheoryData<string, string> DeepNesting => new()
    {
        // 80 KB of one bracket: the 65th is where the limit is passed (column 10 is the first).
        { "subject: " + new string('[', 80_000), "line 3, column 73" },
        { "subject: " + new string('{', 80_000), "line 3, column 73" },
        // Block style: lists inside lists, each "- " one level deeper (root and items are the first two levels).
        { "subject: x\nintro: y\nitems:\n  " + string.Concat(Enumerable.Repeat("- ", 40_000)) + "x", "line 6, column 129" },
    };

    [Theory]
    [MemberData(nameof(DeepNesting))]
    public async Task Eighty_kilobytes_of_nesting_are_refused_at_the_level_that_passes_the_limit_and_the_server_lives_on(string body, string place)
    {
        var html = await RefusedAsync(Head + body + "\n");

        Assert.Contains($"{place}: lists or mappings are put inside one another more than 64 levels deep here", html);
    }

    [Fact]
    public async Task An_alias_bomb_is_refused_at_its_first_alias()
    {
        var big = new string('A', 100_000);
        var source = Head + "subject: x\nintro: y\nitems:\n  - &item { date: 2026-05-30, title: \"" + big + "\", tags: [Event], summary: s, link: https://cecop.coop/x }\n"
            + string.Concat(Enumerable.Repeat("  - *item\n", 1_000));

        var html = await RefusedAsync(source);

        Assert.Contains("line 7, column 5: '*item' repeats an earlier part of the file (a YAML alias); aliases are not accepted", html);
    }

    [Fact]
    public async Task Thousands_of_unclosed_links_are_refused_before_the_markdown_is_read()
    {
        var html = await RefusedAsync(Head + "subject: x\nintro: \"" + string.Concat(Enumerable.Repeat("[a](", 30_000)) + "\"\n" + Items);

        Assert.Contains("line 4, column 8: this text has 120,000 characters; a field holds at most 50,000", html);
        var links = await RefusedAsync(Head + "subject: x\nintro: \"" + string.Concat(Enumerable.Repeat("[a](", 2_000)) + "\"\n" + Items);
        Assert.Contains("line 4, column 8: this text opens more than 1,000 links; a newsletter needs far fewer", links);
    }

    [Fact]
    public async Task A_source_longer_than_a_megabyte_is_refused()
    {
        var html = await RefusedAsync(Head + "subject: x\nintro: |\n" + string.Concat(Enumerable.Repeat("  Many words to read.\n", 50_000)) + Items);

        Assert.Contains("line 1, column 1: the text is 1,100,", html);
        Assert.Contains("a source file may hold at most 1,000,000", html);
    }

    [Theory]
    [InlineData("subject: \"Spring\\x01news\"", "line 3, column 10: this text holds an invisible control character (U+0001)")]
    [InlineData("subject: \"Spring\\x1bnews\"", "line 3, column 10: this text holds an invisible control character (U+001B)")]
    [InlineData("subject: { en: Spring, fr: \"Printemps\\0\" }", "line 3, column 28: this text holds an invisible control character (U+0000)")]
    [InlineData("subject: \"Spring\\rnews\"", "line 3, column 10: this text holds a carriage return")]
    [InlineData("subject: \"Spring\\nBcc: all@example.org\"", "line 3, column 10: 'subject' goes into the e-mail's header, so it must be one line of text")]
    [InlineData("subject: |\n  Spring\n  news", "line 3, column 10: 'subject' goes into the e-mail's header, so it must be one line of text")]
    public async Task A_character_that_mail_feeds_or_headers_cannot_carry_is_refused_at_its_place(string subject, string problem)
    {
        var html = await RefusedAsync(Head + subject + "\nintro: y\n" + Items);

        Assert.Contains(problem, html);
    }

    public static TheoryData<string, string> DeepMarkdown => new()
    {
        // Ten thousand quotes or list items opened on one line: the 33rd marker passes the limit.
        { string.Concat(Enumerable.Repeat("> ", 10_000)) + "deep", "line 5, column 67" },
        { string.Concat(Enumerable.Repeat("- ", 10_000)) + "deep", "line 5, column 67" },
        { string.Concat(Enumerable.Repeat("1. ", 10_000)) + "deep", "line 5, column 99" },
        // Lists nested line by line: Markdig's own limit stops it, and the problem is on the field.
        { string.Join("\n  ", Enumerable.Range(0, 200).Select(i => new string(' ', 2 * i) + "- level")), "line 4, column 8" },
    };

    [Theory]
    [MemberData(nameof(DeepMarkdown))]
    public async Task Markdown_nested_ten_thousand_levels_deep_is_a_problem_on_its_field(string intro, string place)
    {
        var html = await RefusedAsync(Head + "subject: x\nintro: |\n  " + intro + "\n" + Items);

        Assert.Contains($"{place}: this text puts quotes (>) or lists inside one another more than 32 levels deep", html);
    }

    [Fact]
    public async Task Markdown_nested_as_deep_as_the_limit_allows_is_saved()
    {
        using var client = (await StaffSession.SignInAsync(factory, "editor")).Client;
        var source = Head + "subject: Deep but fair\nintro: |\n  " + string.Concat(Enumerable.Repeat("> ", 20)) + "quoted\n" + Items;

        using var response = await PostAsync(client, Url, ("__csrf", await CsrfAsync(client, Url)), ("Source", source));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
