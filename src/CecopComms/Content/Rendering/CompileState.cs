using System.Globalization;

namespace CecopComms.Content.Rendering;

/// <summary>
/// What the helpers need while one language of one mailing is compiled: its slots, and the language its words and
/// dates are written in with that language's culture.
/// </summary>
public sealed record CompileState(SlotTable Slots, CultureInfo Culture, string Language);
