using CecopComms.Content;
using CecopComms.Content.Campaigns;
using CecopComms.Content.Editions;
using CecopComms.Content.Publications;
using CecopComms.Content.Validation;
using CecopComms.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace CecopComms.Tests.ContentTests;

/// <summary>The content stores and compiler on a fresh database, with the repository's templates (or a copy a test edits).</summary>
public sealed class ContentTestBed : IDisposable
{
    private ContentTestBed(TempWorkspace workspace, CecopComms.Storage.Database database, string templates)
    {
        Workspace = workspace;
        Database = database;
        Templates = templates;
        var clock = TimeProvider.System;
        Publications = new PublicationStore(database);
        Editions = new EditionStore(database, clock, Publications);
        Campaigns = new CampaignStore(database, clock);
        Content = new MailingContent(Editions, Publications, Campaigns, Options.Create(new ContentOptions { TemplatesPath = templates }));
    }

    public TempWorkspace Workspace { get; }
    public CecopComms.Storage.Database Database { get; }
    public string Templates { get; }
    public PublicationStore Publications { get; }
    public EditionStore Editions { get; }
    public CampaignStore Campaigns { get; }
    public MailingContent Content { get; }

    /// <summary>The repository root (where CecopComms.sln is).</summary>
    public static string Repository { get; } = FindRepository();

    /// <param name="copyTemplates">Copies templates/ into the workspace so the test may break them.</param>
    public static async Task<ContentTestBed> CreateAsync(bool copyTemplates = false)
    {
        var workspace = new TempWorkspace();
        var templates = Path.Combine(Repository, "templates");
        if (copyTemplates)
        {
            var copy = workspace.Path("templates");
            foreach (var file in Directory.EnumerateFiles(templates, "*", SearchOption.AllDirectories))
                workspace.WriteFile(Path.Combine("templates", Path.GetRelativePath(templates, file)), File.ReadAllText(file));
            templates = copy;
        }
        return new ContentTestBed(workspace, await workspace.OpenDatabaseAsync(), templates);
    }

    /// <summary>The test fixtures' folder of content: editions kept for tests alone, and the golden renders.</summary>
    public static string Fixtures { get; } = Path.Combine(Repository, "tests", "CecopComms.Tests", "Fixtures", "Content");

    /// <summary>Saves and compiles an edition file of editions/, else of <see cref="Fixtures"/>.</summary>
    public async Task<CecopComms.Content.Rendering.CompiledMailing> LoadEditionAsync(string file)
    {
        var path = Path.Combine(Repository, "editions", file);
        if (!File.Exists(path) && File.Exists(Path.Combine(Fixtures, file))) path = Path.Combine(Fixtures, file);
        var (edition, _) = await Content.SaveEditionAsync(SourceText.Read(path), CancellationToken.None);
        return await Content.CompileMailingAsync(new MailingSource(MailingSourceKind.Edition, edition.Id), CancellationToken.None);
    }

    /// <summary>A reader as the golden files were rendered for.</summary>
    public static RecipientData Reader(string language, string name = "Ana López") =>
        new(7, "0b7e1d5c-0000-4000-8000-000000000007", "ana@example.org", name, language, "Legacoop", "IT", new Dictionary<string, string?> { ["sector"] = "care" });

    public static readonly RecipientLinks Links = new("https://cecop.coop/u/TOKEN", "https://cecop.coop/p/TOKEN", null, null);

    public void Dispose() => Workspace.Dispose();

    private static string FindRepository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "CecopComms.sln"))) return folder.FullName;
        return "/work/main";
    }
}
