using System.Globalization;
using CsvHelper;

namespace CecopComms.Audience.Import.Csv;

/// <summary>
/// How every CSV the program writes keeps spreadsheets from running its text as formulas, and how the importer reads
/// such a file back. A text cell that starts with = + - @, a tab or a carriage return (a name typed into the sign-up
/// form, say "=HYPERLINK(...)") is written with a single quote in front, as OWASP advises; numbers written as numbers
/// stay numbers. The importer takes that quote off again, so a file the program exported imports as it was.
/// </summary>
public static class SpreadsheetCsv
{
    /// <summary>The writer options of every CSV file: RFC 4180, invariant culture, formula-like text escaped.</summary>
    public static CsvWriterOptions Options { get; } = CsvWriterOptions.Default with
    {
        FormatProvider = CultureInfo.InvariantCulture,
        Injection = CsvInjection.Escape,
    };

    /// <summary>
    /// A field as read, without the quote an export put in front of formula-like text. A field that truly began with a
    /// quote before one of those characters loses that quote too: the price of reading exports back as they were.
    /// </summary>
    public static string Restore(string field) =>
        field.Length > 1 && field[0] == '\'' && field[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? field[1..] : field;
}
