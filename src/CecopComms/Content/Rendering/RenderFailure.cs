using System.Globalization;
using System.Text.RegularExpressions;
using CecopComms.Content.Validation;
using Scriban.Syntax;

namespace CecopComms.Content.Rendering;

/// <summary>Why a template stopped while it rendered, at its file:line:column, in words rather than Scriban's.</summary>
public static partial class RenderFailure
{
    [GeneratedRegex("The variable or function `(?<name>[^`]+)` was not found")]
    private static partial Regex NotFound();

    [GeneratedRegex("Invalid number of arguments `(?<given>\\d+)` passed to `(?<name>[^` ]+)[^`]*` while expecting `(?<expected>\\d+)`")]
    private static partial Regex ArgumentCount();

    /// <param name="e">What Scriban threw.</param>
    /// <param name="diagnostics">Where the problem goes.</param>
    /// <param name="template">The template rendered, for a failure Scriban gives no place.</param>
    /// <param name="deadline">How long the render was allowed.</param>
    public static void Report(ScriptRuntimeException e, Diagnostics diagnostics, string template, TimeSpan deadline)
    {
        var span = e.Span;
        var file = string.IsNullOrEmpty(span.FileName) ? template : span.FileName;
        diagnostics.Error(file, Math.Max(1, span.Start.Line + 1), Math.Max(1, span.Start.Column + 1), Words(e, deadline));
    }

    /// <summary>A regular expression that ran out of time outside Scriban's own error handling.</summary>
    public static void Report(RegexMatchTimeoutException e, Diagnostics diagnostics, string template) =>
        diagnostics.Error(template, 1, 1, string.Create(CultureInfo.InvariantCulture,
            $"a regular expression took longer than {TemplateSandbox.RegexTimeout.TotalMilliseconds} ms and was stopped ('{e.Pattern}')"));

    public static string Words(ScriptRuntimeException e, TimeSpan deadline)
    {
        var message = e.OriginalMessage ?? e.Message;
        if (e is ScriptAbortException)
            return string.Create(CultureInfo.InvariantCulture,
                $"the template took longer than {deadline.TotalSeconds:0.###} seconds and was stopped: a loop or a function that does not end?");
        if (e.InnerException is RegexMatchTimeoutException || message.Contains("timed out", StringComparison.OrdinalIgnoreCase))
            return string.Create(CultureInfo.InvariantCulture, $"a regular expression took longer than {TemplateSandbox.RegexTimeout.TotalMilliseconds} ms and was stopped");
        if (message.Contains("iteration limit", StringComparison.Ordinal) || message.Contains("exceeds LoopLimit", StringComparison.Ordinal))
            return string.Create(CultureInfo.InvariantCulture,
                $"a loop went round more than {TemplateSandbox.LoopLimit:N0} times and was stopped: a `while` that never ends, or a list far too long?");
        if (message.Contains("recursive depth limit", StringComparison.Ordinal))
            return string.Create(CultureInfo.InvariantCulture,
                $"functions or includes called one another more than {TemplateSandbox.RecursiveLimit} deep and were stopped: one that calls itself?");
        if (message.Contains("LimitToString", StringComparison.Ordinal) || message.Contains("limit", StringComparison.OrdinalIgnoreCase) && message.Contains("output", StringComparison.OrdinalIgnoreCase))
            return string.Create(CultureInfo.InvariantCulture,
                $"the text grew past {TemplateSandbox.StringLimit:N0} characters and was stopped");
        if (ArgumentCount().Match(message) is { Success: true } count)
            return $"'{count.Groups["name"].Value}' takes {count.Groups["expected"].Value} argument{(count.Groups["expected"].Value == "1" ? "" : "s")}, not {count.Groups["given"].Value}";
        if (message.StartsWith("Argument index must be", StringComparison.Ordinal) || message.StartsWith("Invalid target function", StringComparison.Ordinal))
            return "a function is given more arguments than it takes, or something that is not a function is called";
        if (NotFound().Match(message) is { Success: true } missing)
            return $"unknown variable or function '{missing.Groups["name"].Value}'";
        return "the template stopped: " + message.TrimEnd('.');
    }
}
