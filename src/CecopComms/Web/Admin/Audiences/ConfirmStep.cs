namespace CecopComms.Web.Admin.Audiences;

/// <summary>
/// A confirmation step before something that cannot be undone (_ConfirmStep.cshtml): what it does, in the staff's words,
/// a button that posts to <paramref name="Action"/> with confirmed=yes, and a way back.
/// </summary>
/// <param name="Action">The handler's address, e.g. /admin/audiences/lists/news?handler=Delete.</param>
/// <param name="Heading">The question, e.g. "Delete the list News?".</param>
/// <param name="Sentences">What happens, one paragraph each.</param>
/// <param name="Yes">The button that does it.</param>
/// <param name="Keep">The link that does nothing.</param>
/// <param name="KeepHref">Where that link goes.</param>
public sealed record ConfirmStep(string Action, string Heading, IReadOnlyList<string> Sentences, string Yes, string Keep, string KeepHref);
