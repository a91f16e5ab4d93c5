using System.CommandLine;
using CecopComms.Audience.Segments;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Cli.ConsoleOutput;

namespace CecopComms.Cli;

/// <summary>cecop segments create|list|show: saved filters over subscribers, with live counts.</summary>
public static class SegmentCommands
{
    public static Command Create() => new("segments", "Saved filters over subscribers, usable wherever a list is (segment:SLUG).")
    {
        CreateSegment(), List(), Show(),
    };

    private static Command CreateSegment()
    {
        var slug = new Argument<string>("slug") { Description = "Lower-case letters, digits and hyphens: italy-full." };
        var name = new Option<string>("--name") { Description = "The segment's name.", Required = true };
        var where = new Option<string[]>("--where") { Description = "A condition such as country=IT,ES or attr:sector~care (syntax above); repeat for several, all must hold.", Required = true };
        var command = new Command("create", "Save a segment.\n" + SegmentFilterParser.Syntax) { slug, name, where, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var store = services.GetRequiredService<SegmentStore>();
            var segment = await store.CreateAsync(parse.GetValue(slug)!, parse.GetValue(name)!, SegmentFilterParser.Parse(parse.GetValue(where)!), ct);
            var count = await store.CountAsync(SegmentFilter.FromJson(segment.Filter), ct);
            if (parse.WantsJson()) WriteJson(new { segment, count });
            else Line($"Created segment {segment.Slug}: {segment.Name}. Subscribers matching now: {count}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List segments with how many subscribers match each now.") { CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var store = services.GetRequiredService<SegmentStore>();
            var rows = new List<(Segment Segment, SegmentFilter Filter, long Count)>();
            foreach (var segment in await store.ListAsync(ct))
            {
                var filter = SegmentFilter.FromJson(segment.Filter);
                rows.Add((segment, filter, await store.CountAsync(filter, ct)));
            }
            if (parse.WantsJson()) WriteJson(rows.Select(r => new { r.Segment.Slug, r.Segment.Name, filter = r.Segment.Filter, r.Count }));
            else Write(rows.Aggregate(Table("slug", "name", "filter", "subscribers"), (table, r) => table.Row(r.Segment.Slug, r.Segment.Name, r.Filter, r.Count)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show()
    {
        var slug = new Argument<string>("slug") { Description = "The segment's slug." };
        var command = new Command("show", "Show a segment and how many subscribers match it now.") { slug, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var store = services.GetRequiredService<SegmentStore>();
            var segment = await store.GetAsync(parse.GetValue(slug)!, ct);
            var filter = SegmentFilter.FromJson(segment.Filter);
            var count = await store.CountAsync(filter, ct);
            if (parse.WantsJson()) WriteJson(new { segment, count });
            else Write(Details(("slug", segment.Slug), ("name", segment.Name), ("filter", filter), ("subscribers now", count), ("created", segment.CreatedAt)));
            return ExitCodes.Success;
        });
        return command;
    }
}
