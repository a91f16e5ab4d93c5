using CecopComms.Content;
using CecopComms.Content.Validation;

namespace CecopComms.Tests.ContentTests;

/// <summary>Problems are reported at the file, line and column they were written at, with the lines around them.</summary>
public sealed class ValidationTests
{
    [Fact]
    public async Task Unknown_variable_in_a_template_is_reported_at_its_line_and_column_with_the_lines_around_it()
    {
        var error = await TemplateErrorsAsync("<tr>\n  <td>\n    <p>{{ edition.numbr }}</p>\n  </td>\n</tr>\n");

        Assert.Contains("cecop-link.html.sbn:3:11: error: unknown variable 'edition.numbr'; known here: date, number, title, year", error);
        Assert.Contains("  2 |   <td>\n  3 |     <p>{{ edition.numbr }}</p>\n    |           ^\n  4 |   </td>", error);
    }

    [Fact]
    public async Task A_block_left_open_is_named_where_it_opens()
    {
        var error = await TemplateErrorsAsync("<tr>\n{{ for item in items }}\n  <td>{{ item.title }}</td>\n</tr>\n");

        Assert.Contains("cecop-link.html.sbn:2:4: error: the block `for item in items` is not closed: add {{ end }} where it ends", error);
        Assert.DoesNotContain("<end>", error);
    }

    [Fact]
    public async Task An_end_that_closes_nothing_and_a_tag_never_closed_are_errors_in_plain_words()
    {
        var error = await TemplateErrorsAsync("<tr>{{ end }}</tr>\n<p>{{ title </p>\n");

        Assert.Contains("cecop-link.html.sbn:1:8: error: this {{ end }} closes no block", error);
        Assert.Contains("cecop-link.html.sbn:2:4: error: this {{ is never closed with }}", error);
    }

    [Fact]
    public async Task Partials_that_do_not_exist_and_images_without_alt_are_errors()
    {
        var error = await TemplateErrorsAsync("{{ for item in items }}\n  {{ include \"nope\" }}\n  <img src=\"https://cecop.coop/a.png\">\n{{ end }}\n");

        Assert.Contains("cecop-link.html.sbn:2:14: error: unknown partial 'nope'; partials: footer, header, news-item", error);
        Assert.Contains("cecop-link.html.sbn:3:3: error: an image needs alt text", error);
    }

    [Fact]
    public async Task The_template_syntax_used_before_Scriban_says_what_to_write_instead()
    {
        var error = await TemplateErrorsAsync("<tr>\n{{#each items}}{{/each}}\n{{{intro}}} {{> footer}}\n");

        Assert.Contains("cecop-link.html.sbn:2:1: error: `{{#each items}}` is the template syntax used before Scriban: write {{ for item in items }} ... {{ end }}", error);
        Assert.Contains("cecop-link.html.sbn:2:16: error: `{{/each}}` is the template syntax used before Scriban: close the block with {{ end }}", error);
        Assert.Contains("cecop-link.html.sbn:3:1: error: `{{{intro}}}` is the template syntax used before Scriban: write {{ value }}", error);
        Assert.Contains("cecop-link.html.sbn:3:13: error: `{{> footer}}` is the template syntax used before Scriban: write {{ include \"name\" }}", error);
        Assert.DoesNotContain("Unexpected token", error);
    }

    [Fact]
    public async Task Reader_data_in_a_condition_unknown_words_and_wrong_argument_counts_are_errors()
    {
        var error = await TemplateErrorsAsync("<tr><td>{{ if recipient.name }}x{{ end }} {{ t \"nonsense\" }}</td></tr>\n<p>{{ format_date }} {{ link \"https://cecop.coop\" \"x\" }}</p>");

        Assert.Contains("cecop-link.html.sbn:1:15: error: reader data can be printed but not tested ('recipient.name')", error);
        Assert.Contains("cecop-link.html.sbn:1:48: error: unknown word 'nonsense': the words are in Localization/ReaderText.resx", error);
        Assert.Contains("cecop-link.html.sbn:2:7: error: 'format_date' takes 1 argument, not 0", error);
        Assert.Contains("cecop-link.html.sbn:2:25: error: 'link' takes 1 argument, not 2", error);
    }

    [Fact]
    public async Task Problems_on_a_branch_no_render_takes_are_found_before_any_render()
    {
        var error = await TemplateErrorsAsync("{{ if false }}{{ editon.title }}{{ items | array.jion \", \" }}{{ end }}");

        Assert.Contains("cecop-link.html.sbn:1:18: error: unknown variable 'editon'", error);
        Assert.Contains("cecop-link.html.sbn:1:44: error: unknown function 'array.jion'", error);
    }

    [Fact]
    public async Task Template_braces_typed_into_an_edition_are_a_warning_at_their_line_and_column()
    {
        using var bed = await ContentTestBed.CreateAsync();

        var (_, mailing) = await bed.Content.SaveEditionAsync(new SourceText("editions/greeting.yaml", """
            publication: cecop-link
            date: 2023-05-16
            subject: Test
            intro: |
              First line.
              Dear {{name}}, welcome.
            """), CancellationToken.None);

        var warning = Assert.Single(mailing.Diagnostics.Items, d => d.Severity == Severity.Warning);
        Assert.Equal("editions/greeting.yaml:6:8: warning: '{{name}}' will be printed as it is: this text is not a template, so it fills in no reader's name or value (the template greets the reader)", warning.Headline);
    }

    [Fact]
    public async Task An_edition_with_a_link_that_is_not_https_or_an_image_without_alt_is_refused_at_its_line()
    {
        var error = await EditionErrorsAsync("""
            publication: cecop-link
            date: 2023-05-16
            subject: Test
            intro: |
              See [our site](http://cecop.coop) and ![](https://cecop.coop/x.png).
            items:
              - date: 2023-05-16
                title: A title
                tags: [News, Gossip]
                summary: A summary.
                link: cecop.coop/works/a
                image: https://cecop.coop/a.png
            """);

        Assert.Contains("editions/bad.yaml:9:18: error: unknown tag 'Gossip'", error);
        Assert.Contains("editions/bad.yaml:11:11: error: 'cecop.coop/works/a' is not an absolute https link", error);
        Assert.Contains("editions/bad.yaml:12:12: error: an image needs alt text", error);
    }

    [Fact]
    public async Task Markdown_links_that_are_not_https_and_images_without_alt_are_refused_at_their_line_and_column()
    {
        var error = await EditionErrorsAsync("""
            publication: cecop-link
            date: 2023-05-16
            subject: Test
            intro: |
              First line.
              See [our site](http://cecop.coop) and ![](https://cecop.coop/x.png).
            """);

        Assert.Contains("editions/bad.yaml:6:7: error: 'http://cecop.coop' is not an absolute https link", error);
        Assert.Contains("editions/bad.yaml:6:41: error: an image needs alt text", error);
    }

    [Fact]
    public async Task Broken_yaml_in_a_campaign_is_reported_with_file_and_line()
    {
        using var bed = await ContentTestBed.CreateAsync();
        var folder = CopyCampaign(bed);
        File.WriteAllText(Path.Combine(folder, "campaign.yaml"), "hashtag: \"#X\"\nname: X\nperiod: { start: 2023-07-01, end: 2023-12-31\naudience: list:x\n");

        var error = await Assert.ThrowsAsync<ContentValidationException>(() => bed.Content.LoadCampaignAsync(folder, CancellationToken.None));

        Assert.Matches(@"campaigns/coopskills2023/campaign\.yaml:[34]:\d+: error: broken YAML", error.Message);
    }

    [Fact]
    public async Task Broken_markdown_and_front_matter_in_a_campaign_mailing_are_reported_with_file_and_line()
    {
        using var bed = await ContentTestBed.CreateAsync();
        var folder = CopyCampaign(bed);
        File.WriteAllText(Path.Combine(folder, "02-docuseries.md"), "---\nsubject: Episodes\n---\nFirst paragraph.\n\nWatch [the episodes](https://cecop.coop/x and [this](ftp://cecop.coop/y).\n");
        File.WriteAllText(Path.Combine(folder, "04-conference-report.md"), "---\nsubject: [unclosed\n---\nBody.\n");

        var error = await Assert.ThrowsAsync<ContentValidationException>(() => bed.Content.LoadCampaignAsync(folder, CancellationToken.None));

        Assert.Contains("campaigns/coopskills2023/02-docuseries.md:6:", error.Message);
        Assert.Contains("'ftp://cecop.coop/y' is not an absolute https link", error.Message);
        Assert.Contains("broken Markdown: a link is not closed", error.Message);
        Assert.Contains("campaigns/coopskills2023/04-conference-report.md:3:1: error: broken YAML: While parsing a flow sequence", error.Message);
    }

    [Fact]
    public async Task Missing_language_variants_are_warnings_and_the_campaign_loads()
    {
        using var bed = await ContentTestBed.CreateAsync();

        var (campaign, diagnostics) = await bed.Content.LoadCampaignAsync(Path.Combine(ContentTestBed.Repository, "campaigns", "coopskills2023"), CancellationToken.None);

        Assert.Equal(4, campaign.Mailings);
        Assert.All(diagnostics.Items, d => Assert.Equal(Severity.Warning, d.Severity));
        Assert.Contains(diagnostics.Items, d => d.Headline.Contains("02-docuseries.md has no 'it' variant", StringComparison.Ordinal));
        var plan = await bed.Content.CampaignPlanAsync("coopskills2023", CancellationToken.None);
        Assert.Equal(["#CoopSkills2023: the launch", "#CoopSkills2023: the docuseries", "#CoopSkills2023: invitation to the conference", "#CoopSkills2023: the conference report"],
            plan.Select(p => p.Title));
    }

    [Fact]
    public async Task Scheduling_compiles_first_and_a_scheduled_edition_cannot_be_changed()
    {
        using var bed = await ContentTestBed.CreateAsync();
        var mailing = await bed.LoadEditionAsync("cecop-link-2021-06.yaml");

        await bed.Content.SetStateAsync(mailing.Source, ContentState.Scheduled, CancellationToken.None);

        Assert.Equal(ContentState.Scheduled, (await bed.Editions.GetAsync(mailing.Source.Id, CancellationToken.None)).State);
        var error = await Assert.ThrowsAsync<ContentValidationException>(() => bed.LoadEditionAsync("cecop-link-2021-06.yaml"));
        Assert.Contains("is scheduled; only a draft can be changed", error.Message);
        await Assert.ThrowsAsync<ContentNotFoundException>(() => bed.Content.CompileAsync(new MailingSource(MailingSourceKind.Edition, 99), CancellationToken.None));
    }

    /// <summary>The errors of loading the demo CECOP Link edition with <paramref name="template"/> as its publication's template.</summary>
    private static async Task<string> TemplateErrorsAsync(string template)
    {
        using var bed = await ContentTestBed.CreateAsync(copyTemplates: true);
        File.WriteAllText(Path.Combine(bed.Templates, "cecop-link.html.sbn"), template);
        var error = await Assert.ThrowsAsync<ContentValidationException>(() => bed.LoadEditionAsync("cecop-link-2021-06.yaml"));
        Assert.Empty(await bed.Editions.ListAsync(null, CancellationToken.None));
        return error.Message;
    }

    /// <summary>The errors of saving <paramref name="yaml"/> as editions/bad.yaml.</summary>
    private static async Task<string> EditionErrorsAsync(string yaml)
    {
        using var bed = await ContentTestBed.CreateAsync();
        return (await Assert.ThrowsAsync<ContentValidationException>(() => bed.Content.SaveEditionAsync(new SourceText("editions/bad.yaml", yaml), CancellationToken.None))).Message;
    }

    private static string CopyCampaign(ContentTestBed bed)
    {
        var source = Path.Combine(ContentTestBed.Repository, "campaigns", "coopskills2023");
        foreach (var file in Directory.EnumerateFiles(source))
            bed.Workspace.WriteFile(Path.Combine("campaigns", "coopskills2023", Path.GetFileName(file)), File.ReadAllText(file));
        return bed.Workspace.Path(Path.Combine("campaigns", "coopskills2023"));
    }
}
