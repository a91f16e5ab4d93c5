using System.Globalization;

namespace CecopComms.Content.Rendering;

/// <summary>What the helpers need while one language of one mailing is compiled: its slots, culture and words.</summary>
public sealed record CompileState(SlotTable Slots, CultureInfo Culture, string Language, UiStrings Strings);
