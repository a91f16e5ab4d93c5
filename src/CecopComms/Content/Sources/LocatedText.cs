namespace CecopComms.Content.Sources;

/// <summary>A text value read from a source file, with where it starts so later checks can point into it.</summary>
/// <param name="Value">The text.</param>
/// <param name="File">The file's name as the author knows it.</param>
/// <param name="Line">The line of the value's first character (1-based).</param>
/// <param name="Column">The column of the value's first character (1-based).</param>
/// <param name="FirstContentLine">The file line of the text's first line: the next line for a YAML block scalar.</param>
public sealed record LocatedText(string Value, string File, int Line, int Column, int FirstContentLine)
{
    public static LocatedText At(string value, string file, int line, int column) => new(value, file, line, column, line);
}
