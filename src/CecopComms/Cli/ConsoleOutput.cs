using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CecopComms.Cli;

/// <summary>How commands write: Spectre tables for people, plain JSON (snake_case, no colours) for scripts, sentences on stderr.</summary>
public static class ConsoleOutput
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    static ConsoleOutput()
    {
        // Spectre assumes 80 columns when stdout is not a terminal; a file or a pager has room for whole rows.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200;
    }

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>A table whose cells are plain text (user data is never read as Spectre markup).</summary>
    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns) table.AddColumn(new TableColumn(new Text(column)));
        return table;
    }

    public static Table Row(this Table table, params object?[] cells)
    {
        table.AddRow(cells.Select(c => (IRenderable)new Text(Format(c))).ToArray());
        return table;
    }

    /// <summary>A two-column table of names and values, for show commands.</summary>
    public static Table Details(params (string Name, object? Value)[] rows)
    {
        var table = Table("", "").HideHeaders();
        foreach (var (name, value) in rows) table.Row(name, value);
        return table;
    }

    public static void Write(IRenderable renderable) => AnsiConsole.Write(renderable);

    public static void Line(string text) => AnsiConsole.Write(new Text(text + Environment.NewLine));

    public static void Error(string sentence) => Console.Error.WriteLine(sentence);

    private static string Format(object? value) => value switch
    {
        null => "",
        DateTimeOffset time => Storage.DbTime.ToText(time),
        bool flag => flag ? "yes" : "no",
        Enum e => e.ToString().ToLowerInvariant(),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
