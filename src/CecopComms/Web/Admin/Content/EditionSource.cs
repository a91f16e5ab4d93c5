using CecopComms.Content.Editions;
using CecopComms.Content.Validation;

namespace CecopComms.Web.Admin.Content;

/// <summary>
/// The source names editions saved in the admin area carry, and where a problem in an edition's source is shown: on the
/// compose form's field for an edition saved from the form (its YAML is never seen), else at the line and column of the
/// file or of the YAML source tab.
/// </summary>
public static class EditionSource
{
    /// <summary>The name editions saved from the compose form carry as their source.</summary>
    public const string ComposeForm = "(admin compose form)";

    /// <summary>The name editions saved from the YAML source tab carry as their source.</summary>
    public const string YamlTab = "(admin YAML source)";

    /// <summary>
    /// For an edition saved from the compose form, the form field each line of its stored YAML was written from, read back
    /// from that YAML itself (so the lines are the ones the checks report); null for any other source, or YAML the form cannot show.
    /// </summary>
    public static GeneratedEdition? Fields(Edition edition)
    {
        if (edition.SourceName != ComposeForm) return null;
        var diagnostics = new Diagnostics();
        var document = EditionReader.Read(new SourceText(edition.SourceName, edition.Source), diagnostics);
        if (document is null || diagnostics.HasErrors) return null;
        return EditionYaml.Map(edition.Source, EditionYaml.Read(document, edition.Number));
    }

    /// <summary>"editions/june.yaml, line 14, column 11"; the YAML source tab is named as the officer knows it.</summary>
    public static string Place(string file, int line, int column) =>
        $"{(file == YamlTab ? "YAML source" : file)}, line {line}, column {column}";
}
