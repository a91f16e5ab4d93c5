namespace CecopComms.Content.Validation;

/// <summary>Collects the problems found while reading and compiling one mailing, with the sources they point into.</summary>
public sealed class Diagnostics
{
    private readonly List<Diagnostic> _items = [];
    private readonly Dictionary<string, SourceText> _sources = new(StringComparer.Ordinal);

    public IReadOnlyList<Diagnostic> Items => _items;

    /// <summary>The sources known so far, in the order they became known.</summary>
    public IEnumerable<SourceText> Sources => _sources.Values;

    public bool HasErrors => _items.Any(d => d.Severity == Severity.Error);

    /// <summary>Lets messages about <paramref name="source"/> quote its lines.</summary>
    public void Know(SourceText source) => _sources[source.Name] = source;

    public void Error(string file, int line, int column, string message) => Add(new Diagnostic(Severity.Error, file, line, column, message));

    public void Warning(string file, int line, int column, string message) => Add(new Diagnostic(Severity.Warning, file, line, column, message));

    public void Add(Diagnostic diagnostic)
    {
        if (!_items.Contains(diagnostic)) _items.Add(diagnostic);
    }

    /// <summary>Every diagnostic with the lines around it, errors first.</summary>
    public string Format(bool errorsOnly = false) => string.Join("\n",
        _items.Where(d => !errorsOnly || d.Severity == Severity.Error)
            .OrderBy(d => d.Severity)
            .Select(d => d.Format(_sources.GetValueOrDefault(d.File))));

    /// <exception cref="ContentValidationException">There is at least one error.</exception>
    public void ThrowIfErrors(string what)
    {
        if (!HasErrors) return;
        var count = _items.Count(d => d.Severity == Severity.Error);
        throw new ContentValidationException($"{what} is not valid ({count} error{(count == 1 ? "" : "s")}):\n{Format(errorsOnly: true)}");
    }
}
