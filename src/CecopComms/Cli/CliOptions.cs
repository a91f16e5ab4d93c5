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
}
