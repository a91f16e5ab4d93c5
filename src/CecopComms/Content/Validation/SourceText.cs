namespace CecopComms.Content.Validation;

/// <summary>A source file's name (as the author knows it) and its text: what a diagnostic quotes lines from.</summary>
public sealed record SourceText(string Name, string Text)
{
    /// <summary>The most text one source file may hold: a year of editions fits in a tenth of it.</summary>
    public const int MaxLength = 1_000_000;

    private string[]? _lines;

    /// <summary>False, with an error at the file's start, when the text is longer than <see cref="MaxLength"/>.</summary>
    public bool CheckLength(Diagnostics diagnostics, int line = 1)
    {
        if (Text.Length <= MaxLength) return true;
        diagnostics.Error(Name, line, 1, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"the text is {Text.Length:N0} characters long; a source file may hold at most {MaxLength:N0}"));
        return false;
    }

    public IReadOnlyList<string> Lines => _lines ??= Text.Replace("\r\n", "\n").Split('\n');

    /// <summary>Reads a file, naming it by the path as given.</summary>
    /// <exception cref="ContentValidationException">The file does not exist.</exception>
    public static SourceText Read(string path) =>
        File.Exists(path)
            ? new SourceText(path, File.ReadAllText(path))
            : throw new ContentValidationException($"{path}: no such file.");
}
