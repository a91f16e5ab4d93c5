using System.CommandLine;

namespace CecopComms.Cli;

/// <summary>Options shared by many commands.</summary>
public static class CliOptions
{
    /// <summary>Global: a settings file read after appsettings.json and environment variables.</summary>
    public static readonly Option<string?> Config = new("--config")
    {
        Description = "A JSON settings file that overrides appsettings.json and environment variables.",
        Recursive = true,
    };

    /// <summary>On list and show commands: a table for people or plain JSON for scripts.</summary>
    public static readonly Option<string> Format = CreateFormat();

    private static Option<string> CreateFormat()
    {
        var option = new Option<string>("--format")
        {
            Description = "table (default) or json: plain JSON on stdout, for scripts.",
            DefaultValueFactory = _ => "table",
        };
        option.AcceptOnlyFromAmong("table", "json");
        return option;
    }

    /// <summary>True when the command was asked for JSON.</summary>
    public static bool WantsJson(this ParseResult parseResult) => parseResult.GetValue(Format) == "json";

    /// <summary>On send and schedule: a segment to send to instead of the content's own audience (a new option per command).</summary>
    public static Option<string?> SegmentAudience() => new("--segment")
    {
        Description = "Send to this segment (its slug) instead of the content's own audience: the people of the content's audience whom the segment holds, "
            + "counted when it goes out. Members-only content is refused a segment that reaches anyone else.",
    };

    /// <summary>The audience reference of a --segment value ("segment:SLUG"), or null when none was given.</summary>
    public static string? SegmentReference(string? slug) => string.IsNullOrWhiteSpace(slug)
        ? null
        : "segment:" + (slug.Trim().StartsWith("segment:", StringComparison.Ordinal) ? slug.Trim()["segment:".Length..] : slug.Trim());
}
