using System.Net;
using System.Text.RegularExpressions;
using static CecopComms.Tests.Web.Admin.SendingStaff;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// The messages the admin pages show are sentences for the browser: none names a `cecop` command or a --option, though
/// the CLI prints the same refusal followed by its command hint.
/// </summary>
public sealed partial class NoCliHintsTests(CecopWebFactory factory) : IClassFixture<CecopWebFactory>
{
    /// <summary>A command ("cecop editions list") or an option ("--consent") as the CLI's hints write them.</summary>
    [GeneratedRegex(@"cecop [a-z]|`cecop|\s--[a-z]")]
    private static partial Regex CommandText();

    /// <summary>The page's text, markup and scripts left out, so only what a reader sees is searched.</summary>
    private static string Visible(string html) =>
        WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, @"<(script|style)[\s\S]*?</\1>", " "), "<[^>]+>", " "));

    private static void AssertNoCommand(string html)
    {
        var text = Visible(html);
        var found = CommandText().Match(text);
        Assert.False(found.Success, $"The page names a command: {(found.Success ? text[Math.Max(0, found.Index - 80)..Math.Min(text.Length, found.Index + 80)] : "")}");
    }

    [Fact]
    public async Task The_channel_figures_and_the_report_s_definitions_name_no_command()
    {
        using var client = await SignInAsync(factory, "editor");

        var report = await HtmlAsync(client, "/admin/reports");
        Assert.Contains("Channel figures come from outside the engine", report);
        AssertNoCommand(report);
        AssertNoCommand(await HtmlAsync(client, "/admin/reports/channels"));
    }

    [Fact]
    public async Task A_confirmed_subscriber_without_a_consent_wording_on_a_double_opt_in_list_is_refused_in_a_sentence_without_an_option()
    {
        using var client = await SignInAsync(factory, "editor");

        using var refused = await SubmitAsync(client, "/admin/audiences/subscribers/new", "/admin/audiences/subscribers/new",
            ("Email", $"no-consent-{Guid.NewGuid():N}@example.org"), ("Language", "en"), ("Subscribe", "external-newsletter"), ("Confirmed", "true"));

        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("CECOP Newsletter (external-newsletter) is double opt-in: a confirmed subscription needs a consent record, the wording the person agreed to.", WebUtility.HtmlDecode(html));
        AssertNoCommand(html);
    }

    [Fact]
    public async Task An_unknown_edition_or_schedule_is_named_without_a_command()
    {
        using var client = await SignInAsync(factory, "editor");

        using var edition = await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=SendNow", ("Source", "edition:987654"));
        var html = await edition.Content.ReadAsStringAsync();
        Assert.Contains("There is no edition 987654.", html);
        AssertNoCommand(html);

        using var schedule = await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=CancelSchedule&id=987654");
        html = await schedule.Content.ReadAsStringAsync();
        Assert.Contains("There is no schedule 987654.", html);
        AssertNoCommand(html);
    }
}
