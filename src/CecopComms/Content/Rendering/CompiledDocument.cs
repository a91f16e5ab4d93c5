namespace CecopComms.Content.Rendering;

/// <summary>One language of a compiled mailing: subject, HTML and text, each fixed text with per-recipient holes.</summary>
/// <param name="Language">The language variant of the content (the reader's, else English).</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Html">The HTML with inlined CSS.</param>
/// <param name="Text">The plain-text alternative.</param>
public sealed record CompiledDocument(string Language, CompiledText Subject, CompiledText Html, CompiledText Text)
{
    public RenderedMail Render(RecipientData recipient, RecipientLinks links) =>
        new(Subject.Render(recipient, links), Html.Render(recipient, links), Text.Render(recipient, links), Language);
}
