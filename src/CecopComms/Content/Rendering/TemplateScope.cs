namespace CecopComms.Content.Rendering;

/// <summary>
/// What a template may name at a point: the fields of the current value, and for a list what each element holds.
/// <see cref="Mailing"/> is the whole model every mailing template is rendered with (see <see cref="MailingModel"/>).
/// </summary>
public sealed class TemplateScope
{
    private TemplateScope(IReadOnlyDictionary<string, TemplateScope> fields, TemplateScope? element = null, bool isRecipient = false, bool isAny = false)
    {
        Fields = fields;
        Element = element;
        IsRecipient = isRecipient;
        IsAny = isAny;
    }

    /// <summary>The named fields; a leaf has none.</summary>
    public IReadOnlyDictionary<string, TemplateScope> Fields { get; }

    /// <summary>For a list: the scope of each element.</summary>
    public TemplateScope? Element { get; }

    /// <summary>Reader data: a slot marker at compile time, so it may be printed but not tested or transformed.</summary>
    public bool IsRecipient { get; }

    /// <summary>A value whose shape the template made itself (a variable it assigned): any member may be asked of it.</summary>
    public bool IsAny { get; }

    /// <summary>The scope of a field, or null when there is no such field.</summary>
    public TemplateScope? Field(string name) => IsAny ? Any : Fields.GetValueOrDefault(name);

    public static readonly TemplateScope Leaf = new(new Dictionary<string, TemplateScope>());

    public static readonly TemplateScope Any = new(new Dictionary<string, TemplateScope>(), isAny: true);

    private static TemplateScope Object(params (string Name, TemplateScope Scope)[] fields) =>
        new(fields.ToDictionary(f => f.Name, f => f.Scope, StringComparer.Ordinal));

    /// <summary>A list; Scriban gives every list <c>.size</c>.</summary>
    public static TemplateScope ListOf(TemplateScope element) => new(new Dictionary<string, TemplateScope> { ["size"] = Leaf }, element);

    private static TemplateScope Leaves(params string[] names) => Object(names.Select(n => (n, Leaf)).ToArray());

    private static readonly TemplateScope RecipientField = new(new Dictionary<string, TemplateScope>(), isRecipient: true);

    /// <summary>Recipient fields: printed into a slot, never tested (the mailing is compiled once for everyone).</summary>
    public static readonly TemplateScope Recipient = new(new[] { "name", "email", "organisation", "country" }
        .ToDictionary(n => n, _ => RecipientField, StringComparer.Ordinal), isRecipient: true);

    /// <summary>What <c>for</c> offers inside a loop: <c>for.index</c>, <c>for.first</c>...</summary>
    public static readonly TemplateScope Loop = Leaves("index", "rindex", "first", "last", "even", "odd", "changed", "length");

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

    /// <summary>The fields of a plain model (a transactional mail's values): each a leaf.</summary>
    public static TemplateScope Of(IEnumerable<string> names) => Leaves(names.ToArray());
}
