namespace CecopComms.Web.Admin.Audiences;

/// <summary>One refused row of an import as the page shows it.</summary>
/// <param name="Line">The row's line in the file (the header is line 1).</param>
/// <param name="Key">The row's e-mail (subscribers) or name (organisations), as written, or empty.</param>
/// <param name="Column">The column at fault, or empty when the whole row is.</param>
/// <param name="Reason">Why the row was refused, as a sentence.</param>
public sealed record ImportProblem(long Line, string Key, string Column, string Reason);
