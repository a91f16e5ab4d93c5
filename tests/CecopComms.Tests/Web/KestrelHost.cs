using CecopComms.Tests.Infrastructure;
using CecopComms.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace CecopComms.Tests.Web;

/// <summary>
/// The web host in this process on Kestrel, at 127.0.0.1 on a free port, for the browser tests: the workspace's database
/// and outbox, the repository's templates, no sending engine.
/// </summary>
internal static class KestrelHost
{
    /// <summary>The host, started, and the address it answers on (no trailing slash).</summary>
    public static async Task<(WebApplication App, string BaseUrl)> StartAsync(TempWorkspace workspace)
    {
        var baseUrl = $"http://127.0.0.1:{ServeProcess.FreePort()}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Path"] = workspace.DatabasePath,
            ["Delivery:OutboxPath"] = workspace.Path("outbox"),
            ["Delivery:PublicBaseUrl"] = baseUrl,
            ["Delivery:TokenSecret"] = CecopWebFactory.TokenSecret,
            ["Content:TemplatesPath"] = Path.Combine(AppContext.BaseDirectory, "templates"),
            ["Web:Urls"] = baseUrl,
        }).Build();
        var app = await WebApp.BuildAsync(WebApp.CreateBuilder(configuration, engine: false), CancellationToken.None);
        await app.StartAsync();
        return (app, baseUrl);
    }
}
