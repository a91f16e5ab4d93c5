using CecopComms.Tests.Infrastructure;
using CecopComms.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Tests.Web;

/// <summary>The web host on Kestrel at 127.0.0.1 and a free port, on the workspace's database and outbox, with one staff account, for browser journeys.</summary>
internal static class KestrelApp
{
    public const string Password = "correct horse battery staple";

    /// <summary>The started host and its base URL; <paramref name="staff"/> (email, name, role) is added with <see cref="Password"/>.</summary>
    public static async Task<(WebApplication App, string BaseUrl)> StartAsync(TempWorkspace workspace, (string Email, string Name, string Role) staff)
    {
        var baseUrl = $"http://127.0.0.1:{ServeProcess.FreePort()}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(workspace.WithStorage(new Dictionary<string, string?>
        {
            ["Delivery:OutboxPath"] = workspace.Path("outbox"),
            ["Delivery:PublicBaseUrl"] = baseUrl,
            ["Delivery:TokenSecret"] = CecopWebFactory.TokenSecret,
            ["Content:TemplatesPath"] = Path.Combine(AppContext.BaseDirectory, "templates"),
            ["Web:Urls"] = baseUrl,
        })).Build();
        var app = await WebApp.BuildAsync(WebApp.CreateBuilder(configuration, engine: false), CancellationToken.None);
        await app.StartAsync();
        await app.Services.GetRequiredService<CecopComms.Web.Admin.UserStore>().AddAsync(staff.Email, staff.Name, staff.Role, Password, CancellationToken.None, iterations: 10_000);
        return (app, baseUrl);
    }
}
