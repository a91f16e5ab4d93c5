namespace CecopComms.Content;

/// <summary>One recipient's message content, ready for MIME.</summary>
/// <param name="Subject">Subject line, without CR or LF.</param>
/// <param name="Html">Email-safe HTML with inlined CSS.</param>
/// <param name="Text">Plain-text alternative.</param>
/// <param name="Language">The language variant used (the recipient's, else English).</param>
public sealed record RenderedMail(string Subject, string Html, string Text, string Language);
