namespace CecopComms.Web.Admin.Content;

/// <summary>One field of a campaign form as the _ContentField partial shows it: label, input (or text area), and the problems about it.</summary>
/// <param name="Name">The posted name (Form.Texts[1].Body); the HTML id is derived from it.</param>
/// <param name="Label">The label, in the staff's words.</param>
/// <param name="Value">What the field holds.</param>
/// <param name="Problems">The problems about it, shown under it.</param>
/// <param name="Type">An input type, or "textarea".</param>
/// <param name="Hint">A muted line after the label: (optional), (Markdown).</param>
/// <param name="ReadOnly">Shown, not changeable (a fixed slug, an audience a sent mailing went to).</param>
public sealed record FieldView(string Name, string Label, string? Value, IReadOnlyList<ContentProblem> Problems, string Type = "text", string? Hint = null,
    bool ReadOnly = false)
{
    /// <summary>The HTML id the tag helpers would give the field (Form.Texts[0].Body → Form_Texts_0__Body).</summary>
    public string Id => Html(Name);

    /// <summary>The id of the field's problem text, for aria-describedby; null when it has none.</summary>
    public string? ProblemId => Problems.Count > 0 ? Id + "-problem" : null;

    public static string Html(string field) => field.Replace('.', '_').Replace('[', '_').Replace(']', '_');
}
