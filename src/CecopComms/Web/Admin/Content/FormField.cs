namespace CecopComms.Web.Admin.Content;

/// <summary>Where one field of the compose form landed in the YAML written from it.</summary>
/// <param name="Line">The line of the field's key in the YAML (1-based).</param>
/// <param name="Name">The form field's name (Form.Items[1].Link), which the page shows the problem next to.</param>
/// <param name="Label">The field as the officer knows it: "News item 2, read-more link".</param>
/// <param name="Key">The YAML key (link, title...).</param>
/// <param name="Item">The news item's index, or -1 for the edition's own fields.</param>
public sealed record FormField(int Line, string Name, string Label, string Key, int Item);
