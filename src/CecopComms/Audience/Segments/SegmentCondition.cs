namespace CecopComms.Audience.Segments;

/// <summary>
/// One test a subscriber must pass: <paramref name="Field"/> compared with any of <paramref name="Values"/>.
/// </summary>
/// <param name="Field">country, language, category, organisation, list, status, or attr (with <paramref name="Key"/>).</param>
/// <param name="Operator">"=" (equals one of the values), "!=" (equals none), "~" (contains one of them; attributes only).</param>
/// <param name="Values">Normalised values: country codes upper case, categories as stored, languages lower case.</param>
/// <param name="Key">The attribute name, for Field "attr".</param>
public sealed record SegmentCondition(string Field, string Operator, IReadOnlyList<string> Values, string? Key = null);
