namespace CecopComms.Content.Rendering;

/// <summary>One per-recipient hole: its kind and its argument (the field name or the link), and a fallback text.</summary>
public sealed record Slot(SlotKind Kind, string Argument, string Fallback = "");
