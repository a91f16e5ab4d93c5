namespace CecopComms.Audience.Import;

/// <summary>A refused row as a result page lists it.</summary>
/// <param name="Line">The physical line it starts on (the header is line 1).</param>
/// <param name="Key">Its e-mail address (subscribers) or organisation name, or empty when the row could not be split.</param>
/// <param name="Column">The header of the column at fault, or empty for the whole row.</param>
/// <param name="Reason">Why it was refused, as a sentence.</param>
public sealed record RefusedRow(long Line, string Key, string Column, string Reason);
