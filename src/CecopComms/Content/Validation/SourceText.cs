namespace CecopComms.Content.Validation;

/// <summary>A source file's name (as the author knows it) and its text: what a diagnostic quotes lines from.</summary>
public sealed record SourceText(string Name, string Text)
{
    private string[]? _lines;

    public IReadOnlyList<string> Lines => _lines ??= Text.Replace("\r\n", "\n").Split('\n');

    /// <summary>Reads a file, naming it by the path as given.</summary>
    /// <exception cref="ContentValidationException">The file does not exist.</exception>
    public static SourceText Read(string path) =>
        File.Exists(path)
            ? new SourceText(path, File.ReadAllText(path))
            : throw new ContentValidationException($"{path}: no such file.");
}
