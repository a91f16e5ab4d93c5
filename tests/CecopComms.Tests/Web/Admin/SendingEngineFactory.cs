using CecopComms.Web;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// The web host with the engine as `cecop serve` runs it: the scheduler and the sender are hosted services, so a mailing
/// started from the admin pages is really sent through the configured transport.
/// </summary>
public sealed class SendingEngineFactory : CecopWebFactory
{
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var web = WebApp.CreateBuilder(configuration, engine: true);
        web.WebHost.UseTestServer();
        ConfigureServices?.Invoke(web.Services);
        var app = WebApp.BuildAsync(web, CancellationToken.None).GetAwaiter().GetResult();
        app.Start();
        return app;
    }
}
