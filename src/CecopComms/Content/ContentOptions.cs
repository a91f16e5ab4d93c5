namespace CecopComms.Content;

/// <summary>Where templates are. Bound from the "Content" section.</summary>
public sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>The templates folder; relative paths are looked up in the working directory, then beside the program.</summary>
    public string TemplatesPath { get; set; } = "templates";

    /// <summary>The templates folder to read, and how messages name it.</summary>
    public (string Folder, string Display) ResolveTemplates(string workingDirectory)
    {
        if (Path.IsPathRooted(TemplatesPath)) return (TemplatesPath, TemplatesPath);
        var local = Path.Combine(workingDirectory, TemplatesPath);
        return (Directory.Exists(local) ? local : Path.Combine(AppContext.BaseDirectory, TemplatesPath), TemplatesPath.Replace('\\', '/'));
    }
}
