using CecopComms.Audience.Import.Csv;
using CecopComms.Tests.Infrastructure;
using CsvHelper;

namespace CecopComms.Tests.Cli;

/// <summary>
/// Text that a spreadsheet would run as a formula (a sign-up name "=HYPERLINK(...)") leaves the program escaped with a
/// single quote, in the subscriber export and the import error report alike, and the program's own import reads the
/// export back as the names were.
/// </summary>
public sealed class CsvFormulaTests : WorkspaceTest
{
    private static readonly string[] Names =
        ["=HYPERLINK(\"http://evil.example/x\",\"click\")", "+1 555 0100", "-2+3", "@SUM(A1:A9)", "\tTabbed", "Plain Ana"];

    [Fact]
    public async Task An_export_escapes_formula_text_and_imports_back_to_the_same_names()
    {
        // As the sign-up form or an import would take them: the names as typed.
        var people = Workspace.WriteFile("people.csv", "email,name\n" + string.Concat(Names.Select((n, i) => $"p{i}@example.org,\"{n.Replace("\"", "\"\"")}\"\n")));
        await Workspace.Ok("subscribers", "import", people, "--list", "external-newsletter");
        var export = Workspace.Path("export.csv");

        await Workspace.Ok("subscribers", "export", "--list", "external-newsletter", "--out", export);

        var cells = ReadCells(export);
        Assert.DoesNotContain(cells, c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@' or '\t' or '\r');
        Assert.Contains("'=HYPERLINK(\"http://evil.example/x\",\"click\")", cells);
        Assert.Contains("Plain Ana", cells);

        // The same file into a fresh database gives the original names.
        using var other = new TempWorkspace();
        await other.Ok("subscribers", "import", export, "--list", "external-newsletter");
        for (var i = 0; i < Names.Length; i++)
            Assert.Equal(Names[i].Trim(), (await other.Json("subscribers", "show", $"p{i}@example.org"))["subscriber"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_import_error_report_escapes_formula_text()
    {
        var people = Workspace.WriteFile("people.csv", "email,name\nnot-an-address,\"=HYPERLINK(\"\"http://evil.example/x\"\",\"\"click\"\")\"\n");
        var errors = Workspace.Path("errors.csv");

        await Workspace.Ok("subscribers", "import", people, "--list", "external-newsletter", "--errors", errors);

        var cells = ReadCells(errors);
        Assert.DoesNotContain(cells, c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@');
        Assert.Contains("'=HYPERLINK(\"http://evil.example/x\",\"click\")", cells);
    }

    [Fact]
    public void Only_the_quote_an_export_adds_is_taken_off_on_reading()
    {
        Assert.Equal("=1+1", SpreadsheetCsv.Restore("'=1+1"));
        Assert.Equal("-5", SpreadsheetCsv.Restore("'-5"));
        Assert.Equal("'quoted'", SpreadsheetCsv.Restore("'quoted'"));
        Assert.Equal("'", SpreadsheetCsv.Restore("'"));
    }

    // Every cell of a CSV file, read by CsvHelper (not by the program's own reader, which would undo the escaping).
    private static List<string> ReadCells(string path)
    {
        using var reader = CsvReader.FromFile(path);
        var cells = new List<string>();
        while (reader.Read())
            for (var i = 0; i < reader.FieldCount; i++) cells.Add(reader.GetString(i));
        return cells;
    }
}
