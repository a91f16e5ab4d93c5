using CecopComms.Storage;
using CecopComms.Tests.Infrastructure;
using CecopComms.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CecopComms.Tests.Web;

/// <summary>
/// The web host in memory (TestServer) over a temporary workspace: its own SQLite file, outbox and token key. The host
/// is built by <see cref="WebApp"/> exactly as `cecop serve` builds it, without the scheduler and the sender. Change
/// <see cref="Settings"/> or <see cref="ConfigureServices"/> before the first request; one factory per test class.
/// </summary>
public class CecopWebFactory : WebApplicationFactory<Program>
{
    /// <summary>The fixed token key of these tests (base64 of 32 bytes), so a test can sign its own tokens.</summary>
    public static readonly string TokenSecret = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public CecopWebFactory()
    {
        Settings = Workspace.WithStorage(new Dictionary<string, string?>
        {
            ["Delivery:Transport"] = "outbox",
            ["Delivery:OutboxPath"] = Workspace.Path("outbox"),
            ["Delivery:PublicBaseUrl"] = "http://localhost",
            ["Delivery:TokenSecret"] = TokenSecret,
            ["Delivery:MessageIdDomain"] = "cecop.example",
            ["Delivery:BounceDomain"] = "bounces.cecop.example",
            ["Content:TemplatesPath"] = Path.Combine(AppContext.BaseDirectory, "templates"),
            // High, so tests that post many forms or sign in often are not limited; the rate-limit tests set their own.
            ["Web:SignupRatePerMinutePerIp"] = "10000",
            ["Web:SignInRatePerMinutePerIp"] = "10000",
        });
    }

    /// <summary>The temporary folder holding the database and the outbox.</summary>
    public TempWorkspace Workspace { get; } = new();

    /// <summary>The host's settings, in configuration-key form ("Web:Urls").</summary>
    public Dictionary<string, string?> Settings { get; }

    /// <summary>Replaces services after the application registered them (e.g. a fake clock).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>The host's database.</summary>
    public Database Database => Services.GetRequiredService<Database>();

    /// <summary>Messages written to the outbox so far, as raw text, oldest first.</summary>
    public IReadOnlyList<string> OutboxMessages()
    {
        var folder = Workspace.Path("outbox");
        if (!Directory.Exists(folder)) return [];
        return Directory.GetFiles(folder, "*.eml", SearchOption.AllDirectories).OrderBy(File.GetLastWriteTimeUtc).ThenBy(f => f, StringComparer.Ordinal)
            .Select(File.ReadAllText).ToList();
    }

    // WebApplicationFactory would run Program's Main, which is the CLI; the host is built the way serve builds it instead.
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var web = WebApp.CreateBuilder(configuration, engine: false);
        web.WebHost.UseTestServer();
        ConfigureServices?.Invoke(web.Services);
        var app = WebApp.BuildAsync(web, CancellationToken.None).GetAwaiter().GetResult();
        app.Start();
        return app;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Workspace.Dispose();
    }
}
