namespace CecopComms.Web.Admin.Content;

/// <summary>The YAML written from the edition compose form, with the line of each field.</summary>
public sealed class GeneratedEdition(string yaml, IReadOnlyList<FormField> fields) : GeneratedText(yaml, fields)
{
    public string Yaml => Text;
}
