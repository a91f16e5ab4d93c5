using System.CommandLine;
using CecopComms.Content;
using CecopComms.Content.Campaigns;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Cli.ConsoleOutput;

namespace CecopComms.Cli;

/// <summary>cecop campaigns load|list|show: series of mailings around a hashtag, each a folder under campaigns/.</summary>
public static class CampaignCommands
{
    public static Command Create() => new("campaigns", "Campaigns: a hashtag, a period, assets and planned mailings written in Markdown (campaigns/SLUG/).")
    {
        Load(), Export(), List(), Show(),
    };

    private static Command Load()
    {
        var folder = new Argument<string>("folder") { Description = "The campaign's folder, e.g. campaigns/coopskills2023." };
        var command = new Command("load", "Check every mailing of a campaign folder and save the campaign; mailings past draft are kept as they were.") { folder, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var (campaign, diagnostics) = await services.GetRequiredService<MailingContent>().LoadCampaignAsync(parse.GetValue(folder)!, ct);
            if (diagnostics.Items.Count > 0) Error(diagnostics.Format());
            if (parse.WantsJson()) WriteJson(new { campaign = Summary(campaign), warnings = diagnostics.Items.Select(d => d.Headline) });
            else Line($"Loaded campaign {campaign.Slug}: {campaign.Hashtag}, {campaign.Mailings} mailings from {campaign.StartsOn} to {campaign.EndsOn}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Export()
    {
        var slug = new Argument<string>("slug") { Description = "The campaign's slug." };
        var folder = new Argument<string>("folder") { Description = "Where to write campaign.yaml and the mailings' Markdown files, e.g. campaigns/coopskills2023." };
        var command = new Command("export", "Write a saved campaign (made in the admin area or loaded) as its folder, which `campaigns load` reads back.") { slug, folder, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var store = services.GetRequiredService<CampaignStore>();
            var campaign = await store.GetAsync(parse.GetValue(slug)!, ct);
            var written = CampaignFolder.Write(parse.GetValue(folder)!, campaign, await store.MailingsAsync(campaign, ct));
            if (parse.WantsJson()) WriteJson(new { campaign = Summary(campaign), files = written });
            else Line($"Wrote campaign {campaign.Slug} to {parse.GetValue(folder)}: {string.Join(", ", written)}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List campaigns with their period, audience and number of mailings.") { CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var campaigns = await services.GetRequiredService<CampaignStore>().ListAsync(ct);
            if (parse.WantsJson()) WriteJson(campaigns.Select(Summary));
            else Write(campaigns.Aggregate(Table("slug", "hashtag", "name", "period", "audience", "mailings"),
                (table, c) => table.Row(c.Slug, c.Hashtag, c.Name, $"{c.StartsOn} to {c.EndsOn}", c.Audience, c.Mailings)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show()
    {
        var slug = new Argument<string>("slug") { Description = "The campaign's slug (its folder name)." };
        var command = new Command("show", "Show a campaign and its planned mailings (their ids are what delivery schedules).") { slug, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var store = services.GetRequiredService<CampaignStore>();
            var campaign = await store.GetAsync(parse.GetValue(slug)!, ct);
            var mailings = await store.MailingsAsync(campaign, ct);
            var rows = mailings.Select(m => new { m.Id, m.Slug, m.Title, m.PlannedAt, m.State, languages = m.FileTexts().Keys }).ToList();
            if (parse.WantsJson()) WriteJson(new { campaign = Summary(campaign), mailings = rows });
            else
            {
                Write(Details(("slug", campaign.Slug), ("hashtag", campaign.Hashtag), ("name", campaign.Name), ("period", $"{campaign.StartsOn} to {campaign.EndsOn}"), ("audience", campaign.Audience)));
                Write(rows.Aggregate(Table("id", "planned", "title", "files", "state"), (table, m) => table.Row(m.Id, m.PlannedAt, m.Title, string.Join(", ", m.languages), m.State)));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static object Summary(Campaign c) => new { c.Id, c.Slug, c.Hashtag, c.Name, starts = c.StartsOn, ends = c.EndsOn, c.Audience, mailings = c.Mailings };
}
