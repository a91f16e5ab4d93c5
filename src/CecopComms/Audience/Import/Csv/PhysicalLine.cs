namespace CecopComms.Audience.Import.Csv;

/// <summary>One line of the file as read: its 1-based number, its text, and why it could not be decoded, if so.</summary>
internal readonly record struct PhysicalLine(long Number, string Text, string? Problem);
