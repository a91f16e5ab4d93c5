namespace CecopComms.Content.Rendering;

/// <summary>
/// What a template may name at a point: the fields of the current context, and for a list what each element holds.
/// <see cref="Mailing"/> is the whole model every mailing template is rendered with (see <see cref="MailingModel"/>).
/// </summary>
public sealed class TemplateScope
{
    private TemplateScope(IReadOnlyDictionary<string, TemplateScope> fields, TemplateScope? element = null)
    {
        Fields = fields;
        Element = element;
    }

    /// <summary>The named fields; a leaf has none.</summary>
    public IReadOnlyDictionary<string, TemplateScope> Fields { get; }

    /// <summary>For a list: the scope of each element.</summary>
    public TemplateScope? Element { get; }

    public static readonly TemplateScope Leaf = new(new Dictionary<string, TemplateScope>());

    private static TemplateScope Object(params (string Name, TemplateScope Scope)[] fields) =>
        new(fields.ToDictionary(f => f.Name, f => f.Scope, StringComparer.Ordinal));

    private static TemplateScope ListOf(TemplateScope element) => new(new Dictionary<string, TemplateScope> { ["length"] = Leaf }, element);

    private static TemplateScope Leaves(params string[] names) => Object(names.Select(n => (n, Leaf)).ToArray());

    /// <summary>Recipient fields: printed into a slot, never tested (the mailing is compiled once for everyone).</summary>
    public static readonly TemplateScope Recipient = Leaves("name", "email", "organisation", "country");

    public static readonly TemplateScope Item = Object(
        ("date", Leaf), ("title", Leaf), ("tags", ListOf(Leaf)), ("summary", Leaf), ("summary_text", Leaf), ("link", Leaf), ("image", Leaf), ("image_alt", Leaf));

    public static readonly TemplateScope Mailing = Object(
        ("lang", Leaf), ("title", Leaf), ("subject", Leaf), ("preheader", Leaf), ("intro", Leaf), ("intro_text", Leaf), ("body", Leaf), ("content", Leaf),
        ("publication", Leaves("name", "slug")),
        ("edition", Leaves("title", "number", "year", "date")),
        ("items", ListOf(Item)),
        ("campaign", Object(("name", Leaf), ("hashtag", Leaf), ("starts", Leaf), ("ends", Leaf),
            ("assets", ListOf(Leaves("kind", "title", "url"))))),
        ("recipient", Recipient));
}
