namespace CecopComms.Web.Admin.Content;

/// <summary>One problem the content checks found, as a page shows it.</summary>
/// <param name="Field">The form field it concerns (Form.Items[1].Link), or null when it concerns none.</param>
/// <param name="Place">Where it is: "News item 2, read-more link", "line 14, column 11", or "" when the sentence says it.</param>
/// <param name="Message">What is wrong, as the checks say it.</param>
/// <param name="Line">The YAML line (1-based), or 0.</param>
/// <param name="Column">The YAML column (1-based), or 0.</param>
/// <param name="IsWarning">A warning lets the edition be saved and sent; an error does not.</param>
public sealed record ContentProblem(string? Field, string Place, string Message, int Line = 0, int Column = 0, bool IsWarning = false);
