using System.Globalization;
using System.Text.RegularExpressions;
using CecopComms.Content.Validation;

namespace CecopComms.Web.Admin.Content;

/// <summary>
/// Reads the problems out of what the content checks report ("file:line:column: error: message" headlines, as the CLI
/// prints them) and places them: on a form field when the YAML was written from the compose form, else at their file,
/// line and column. A sentence with no place (an unknown publication, an edition past draft) stays whole.
/// </summary>
public static partial class ContentProblems
{
    [GeneratedRegex(@"^(?<file>.+?):(?<line>\d+):(?<column>\d+): (?<severity>error|warning): (?<message>.+)$", RegexOptions.Multiline)]
    private static partial Regex Headline();

    /// <summary>The problems in a <see cref="CecopComms.Content.ContentValidationException"/>'s message about <paramref name="sourceName"/>.</summary>
    public static IReadOnlyList<ContentProblem> FromMessage(string message, string sourceName, GeneratedText? generated) =>
        FromMessage(message, new Dictionary<string, GeneratedText?> { [sourceName] = generated });

    /// <summary>The problems in a message about several sources written from one form (a campaign's YAML and its mailing's files), by source name.</summary>
    public static IReadOnlyList<ContentProblem> FromMessage(string message, IReadOnlyDictionary<string, GeneratedText?> sources)
    {
        var problems = Headline().Matches(message).Select(m => Place(m.Groups["file"].Value, Number(m, "line"), Number(m, "column"),
            m.Groups["message"].Value.TrimEnd(), m.Groups["severity"].Value == "warning", sources)).ToList();
        // No headline: the message is one sentence (the publication does not exist, the edition is past draft).
        return problems.Count > 0 ? problems : [new ContentProblem(null, "", message.Trim())];
    }

    /// <summary>The warnings a successful check found.</summary>
    public static IReadOnlyList<ContentProblem> FromDiagnostics(IEnumerable<Diagnostic> diagnostics, string sourceName, GeneratedText? generated) =>
        FromDiagnostics(diagnostics, new Dictionary<string, GeneratedText?> { [sourceName] = generated });

    /// <summary>The warnings a successful check found, about several sources written from one form.</summary>
    public static IReadOnlyList<ContentProblem> FromDiagnostics(IEnumerable<Diagnostic> diagnostics, IReadOnlyDictionary<string, GeneratedText?> sources) =>
        diagnostics.Select(d => Place(d.File, d.Line, d.Column, d.Message, d.Severity == Severity.Warning, sources)).ToList();

    private static ContentProblem Place(string file, int line, int column, string message, bool warning, IReadOnlyDictionary<string, GeneratedText?> sources)
    {
        // A template's problem is the templates' author's business: its own file and line. So is a problem of YAML the
        // officer wrote (a file, the YAML source tab): the file is named.
        if (!sources.TryGetValue(file, out var generated) || generated is null) return new ContentProblem(null, EditionSource.Place(file, line, column), message, line, column, warning);
        if (generated.Locate(line, message) is { } field) return new ContentProblem(field.Name, field.Label, message, line, column, warning);
        return new ContentProblem(null, $"line {line}, column {column}", message, line, column, warning);
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
}
