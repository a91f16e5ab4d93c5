using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace CecopComms.Tests.Web;

/// <summary>
/// The test server leaves the connection's address empty; a real one has it, so this gives every request 127.0.0.1
/// (where a reverse proxy would be). With Web:KnownProxies set to it, X-Forwarded-For then names the visitor.
/// </summary>
internal sealed class LoopbackConnection : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Loopback;
            return nextMiddleware(context);
        });
        next(app);
    };
}
