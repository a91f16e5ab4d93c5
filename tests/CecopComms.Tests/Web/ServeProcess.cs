using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Web;

/// <summary>
/// `cecop serve` as a user runs it: the built executable in its own process, working in a workspace, listening on a
/// free port of 127.0.0.1. Stopped with SIGTERM, as a service manager stops it; killed if it does not stop.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServeProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    /// <summary>http://127.0.0.1:PORT, no trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>What it printed on stdout and stderr so far.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>
    /// The settings file serve reads in the browser tests: the workspace's database, the outbox (the default transport),
    /// the repository's templates, <paramref name="baseUrl"/> for links and listening, and the tests' token secret.
    /// </summary>
    public static System.Text.Json.Nodes.JsonObject Settings(TempWorkspace workspace, string baseUrl) => new()
    {
        ["Storage"] = new System.Text.Json.Nodes.JsonObject { ["Provider"] = "sqlite", ["Path"] = workspace.DatabasePath },
        ["Content"] = new System.Text.Json.Nodes.JsonObject { ["TemplatesPath"] = Path.Combine(AppContext.BaseDirectory, "templates") },
        ["Delivery"] = new System.Text.Json.Nodes.JsonObject
        {
            ["OutboxPath"] = workspace.Path("outbox"),
            ["PublicBaseUrl"] = baseUrl,
            ["TokenSecret"] = CecopWebFactory.TokenSecret,
            ["MessageIdDomain"] = "cecop.example",
            ["BounceDomain"] = "bounces.cecop.example",
        },
        ["Web"] = new System.Text.Json.Nodes.JsonObject { ["Urls"] = baseUrl },
    };

    /// <summary>A port nobody listens on at the moment.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts serve in <paramref name="workspace"/> (whose appsettings.json must set Web:Urls to <paramref name="baseUrl"/>) and waits until it answers.</summary>
    /// <exception cref="TimeoutException">It did not answer within 60 seconds.</exception>
    public static async Task<ServeProcess> StartAsync(TempWorkspace workspace, string baseUrl)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workspace.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CecopProcess.Executable);
        start.ArgumentList.Add("serve");
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["NO_COLOR"] = "1";
        var serve = new ServeProcess(Process.Start(start)!, baseUrl);
        serve._process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (serve._output) serve._output.AppendLine(e.Data); };
        serve._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (serve._output) serve._output.AppendLine(e.Data); };
        serve._process.BeginOutputReadLine();
        serve._process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var waited = 0; waited < 600; waited++)
        {
            if (serve._process.HasExited) throw new InvalidOperationException("cecop serve exited at start:\n" + serve.Output);
            try
            {
                using var response = await http.GetAsync(baseUrl + "/subscribe");
                if (response.IsSuccessStatusCode) return serve;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        await serve.DisposeAsync();
        throw new TimeoutException("cecop serve did not answer within 60 seconds:\n" + serve.Output);
    }

    /// <summary>Sends SIGTERM and waits for the exit code (killed after 30 seconds).</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException("cecop serve did not stop within 30 seconds of SIGTERM:\n" + Output);
        }
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try { await StopAsync(); }
            catch (TimeoutException) { }
        }
        _process.Dispose();
    }
}
