using System.Text;
using CecopComms.Audience.Import;

namespace CecopComms.Tests.Import;

/// <summary>Malformed files: each bad row is reported with its physical line and reason, the good rows go in.</summary>
public sealed class SubscriberImportFileTests
{
    [Fact]
    public async Task Reports_each_bad_row_with_its_line_and_imports_the_rest()
    {
        using var bed = await ImportTestBed.CreateAsync();
        await bed.SeedOrganisationsAsync();
        var text = string.Join('\n',
            "email,name,language,organisation,city",                                       // 1
            "maria.rossi@Example.IT,Maria Rossi,it,legacoop produzione e servizi,Bologna",  // 2
            "not-an-address,Bad Address,en,,Paris",                                         // 3
            "jan@example.pl,Jan \"JK\" Kowalski,pl,,Warszawa",                              // 4
            "ana@example.es,Ana,es,,Madrid,extra",                                          // 5
            "\"pierre@example.fr,Pierre,fr,,Lyon",                                          // 6
            "sofia@example.bg,Sofia,bg,,Sofia",                                             // 7
            "jose@example.es,JOSE,es,,Sevilla",                                             // 8 (Latin-1 é below)
            "MARIA.ROSSI@example.it,Maria,it,,Roma",                                        // 9
            "ola@example.se,Ola,zz,,Stockholm",                                             // 10
            "eva@example.fi,Eva,fi,Unknown Coop,Helsinki",                                  // 11
            "",                                                                             // 12
            "\"li@example.si\",\"Novak, Li\",sl,,\"Ljubljana\"") + "\n";                    // 13
        var bytes = Encoding.UTF8.GetBytes(text).ToList();
        var at = Encoding.UTF8.GetBytes(text).AsSpan().IndexOf("JOSE"u8);
        bytes.RemoveRange(at, 4);
        bytes.InsertRange(at, new byte[] { (byte)'J', (byte)'o', (byte)'s', 0xE9 });
        var path = bed.Bytes("people.csv", bytes.ToArray());

        var result = await bed.ImportSubscribersAsync(path);

        Assert.Equal((11, 3, 0, 0, 8), (result.RowsRead, result.Inserted, result.Updated, result.Unchanged, result.Rejected));
        Assert.Equal(bed.ReportPath, result.ErrorReportPath);
        Assert.Equal(
        [
            "3|email|the address has no '@'",
            "4||broken quoting: a quote stands inside unquoted field 2",
            "5||the row has 6 fields where the header has 5",
            "6||broken quoting: a quoted field opened on this line is never closed",
            "8||the line is not valid UTF-8 (byte 0xE9 at position 20); save the file as UTF-8",
            "9|email|the address MARIA.ROSSI@example.it is already on line 2 of this file",
            "10|language|the language 'zz' is not a language code such as en, it or pt-BR",
            "11|organisation|the organisation 'Unknown Coop' is not known; import the member organisations first",
        ], bed.Report());
        Assert.Equal("jose@example.es,José,es,,Sevilla", bed.ReportedRaw(8));
        Assert.Equal("\"pierre@example.fr,Pierre,fr,,Lyon", bed.ReportedRaw(6));

        var people = await bed.WithAttributesAsync(
            "SELECT s.email || '|' || s.email_key || '|' || s.name || '|' || s.language || '|' || coalesce(o.name, ''), CAST(s.attributes AS TEXT) FROM subscribers s LEFT JOIN organisations o ON o.id = s.organisation_id ORDER BY s.id");
        Assert.Equal(
        [
            "maria.rossi@example.it|maria.rossi@example.it|Maria Rossi|it|Legacoop Produzione e Servizi|{\"city\":\"Bologna\"}",
            "sofia@example.bg|sofia@example.bg|Sofia|bg||{\"city\":\"Sofia\"}",
            "li@example.si|li@example.si|Novak, Li|sl||{\"city\":\"Ljubljana\"}",
        ], people);
        // The external newsletter is double opt-in and the file says nothing about consent: they wait for the opt-in mail.
        Assert.Equal(["unconfirmed", "unconfirmed", "unconfirmed"], await bed.QueryAsync<string>("SELECT status FROM subscriptions"));
        Assert.Empty(await bed.QueryAsync<long>("SELECT id FROM consents"));
    }

    [Fact]
    public async Task Reads_semicolons_a_byte_order_mark_and_CRLF()
    {
        using var bed = await ImportTestBed.CreateAsync();
        var text = "\uFEFFE-Mail;Full Name;Lang;Share\r\nana@example.pt;Ana Conceição;pt-br;1,5\r\n\"ines@example.pt\";\"Inês; Silva\";PT;2\r\n";
        var path = bed.Bytes("semicolons.csv", Encoding.UTF8.GetBytes(text));

        var result = await bed.ImportSubscribersAsync(path);

        Assert.Equal((2L, 2L, 0L), (result.RowsRead, result.Inserted, result.Rejected));
        Assert.Equal(
            ["ana@example.pt|Ana Conceição|pt-BR|{\"Share\":\"1,5\"}", "ines@example.pt|Inês; Silva|pt|{\"Share\":\"2\"}"],
            await bed.WithAttributesAsync("SELECT email || '|' || name || '|' || language, CAST(attributes AS TEXT) FROM subscribers ORDER BY id"));
        Assert.Empty(bed.Report());
    }

    [Fact]
    public async Task A_quoted_field_may_span_lines()
    {
        using var bed = await ImportTestBed.CreateAsync();
        var path = bed.File("multiline.csv",
            "email,name,note",
            "ana@example.es,Ana,\"first line",
            "second line\"",
            "bad@,Bad,x");

        var result = await bed.ImportSubscribersAsync(path);

        Assert.Equal((2L, 1L, 1L), (result.RowsRead, result.Inserted, result.Rejected));
        Assert.Equal(["4|email|the address has nothing after the '@'"], bed.Report());
        Assert.Equal(["{\"note\":\"first line\\nsecond line\"}"], (await bed.QueryAsync<string>("SELECT CAST(attributes AS TEXT) FROM subscribers")).Select(bed.Json));
    }

    [Fact]
    public async Task Imports_a_ten_thousand_row_file_and_reports_exactly_its_bad_rows()
    {
        using var bed = await ImportTestBed.CreateAsync();
        var lines = new List<string> { "email,name,language,region" };
        for (var i = 0; i < 10_000; i++)
            lines.Add(i % 1000 == 999 ? $"broken{i}.example.org,Person {i},en,r{i % 7}" : $"person{i}@example.org,Person {i},en,r{i % 7}");
        var path = bed.File("ten-thousand.csv", lines.ToArray());
        var reports = new List<ImportProgress>();

        var result = await bed.Subscribers.ImportAsync(bed.Options(path, batchSize: 1000), SyncProgress.Of<ImportProgress>(reports.Add), CancellationToken.None);

        Assert.Equal((10_000L, 9_990L, 10L), (result.RowsRead, result.Inserted, result.Rejected));
        Assert.Equal(Enumerable.Range(1, 10).Select(k => $"{k * 1000 + 1}|email|the address has no '@'"), bed.Report());
        Assert.Equal([9_990L], await bed.QueryAsync<long>("SELECT count(*) FROM subscribers"));
        Assert.Equal([9_990L], await bed.QueryAsync<long>("SELECT count(*) FROM subscriptions"));
        Assert.Equal(new ImportProgress(10_000, 9_990, 10, reports[^1].RowsPerSecond), reports[^1]);
    }

    [Theory]
    [InlineData("missing.csv", null, "external-newsletter", "The file '{dir}/missing.csv' does not exist.")]
    [InlineData("empty.csv", "", "external-newsletter", "The file 'empty.csv' is empty: it needs a header row naming its columns.")]
    [InlineData("no-email.csv", "name,language\nAna,es", "external-newsletter",
        "The file 'no-email.csv' has no email column (recognised headers: email, e-mail, mail, email address, e-mail address); name the column that holds it with a column map \"Their Header=email\".")]
    [InlineData("people.csv", "email\nana@example.es", "no-such-list", "The list 'no-such-list' does not exist, so 'people.csv' cannot be imported into it.")]
    public async Task Whole_file_problems_throw_a_sentence_naming_the_file(string name, string? content, string list, string message)
    {
        using var bed = await ImportTestBed.CreateAsync();
        var path = content is null ? bed.Workspace.Path(name) : bed.File(name, content);

        var error = await Assert.ThrowsAsync<ImportException>(() => bed.ImportSubscribersAsync(path, list));

        Assert.Equal(message.Replace("{dir}", bed.Workspace.Root), error.Message);
    }

    [Fact]
    public async Task Refuses_UTF16_files_whole()
    {
        using var bed = await ImportTestBed.CreateAsync();
        var path = bed.Bytes("utf16.csv", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("email\nana@example.es\n")).ToArray());

        var error = await Assert.ThrowsAsync<ImportException>(() => bed.ImportSubscribersAsync(path));

        Assert.Equal("The file 'utf16.csv' is UTF-16; save it as UTF-8 (Excel: \"CSV UTF-8\") and import it again.", error.Message);
    }

    [Fact]
    public async Task A_column_map_names_the_columns_and_can_ignore_one()
    {
        using var bed = await ImportTestBed.CreateAsync();
        var path = bed.File("mapped.csv", "Correo,Nombre,Interno,Sector", "ana@example.es,Ana,secret,construction");
        var map = new Dictionary<string, string> { ["correo"] = "email", ["Nombre"] = "name", ["Interno"] = "-" };

        var result = await bed.ImportSubscribersAsync(path, map: map);

        Assert.Equal(1, result.Inserted);
        Assert.Equal(["ana@example.es|Ana|{\"Sector\":\"construction\"}"], await bed.WithAttributesAsync("SELECT email || '|' || name, CAST(attributes AS TEXT) FROM subscribers"));
        var unknown = new Dictionary<string, string> { ["Correo"] = "mailbox" };
        var error = await Assert.ThrowsAsync<ImportException>(() => bed.ImportSubscribersAsync(path, map: unknown));
        Assert.StartsWith("The column map sends 'Correo' to 'mailbox', which is not a field", error.Message);
    }
}
