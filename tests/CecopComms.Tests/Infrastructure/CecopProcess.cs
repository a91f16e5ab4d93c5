using System.Diagnostics;

namespace CecopComms.Tests.Infrastructure;

/// <summary>
/// Runs the built <c>cecop</c> executable (cecop.dll, copied next to the test assembly by the project reference)
/// with <c>dotnet cecop.dll</c>, as a user would: its own process, working directory, environment and stdin.
/// </summary>
public static class CecopProcess
{
    /// <summary>Absolute path of cecop.dll.</summary>
    /// <exception cref="FileNotFoundException">The application was not built next to the tests.</exception>
    public static string Executable { get; } = Locate();

    /// <summary>Runs <c>cecop</c> in <paramref name="workspace"/>'s folder.</summary>
    public static Task<CecopResult> RunAsync(TempWorkspace workspace, params string[] args) =>
        RunAsync(args, workspace.Root);

    /// <summary>Runs <c>cecop</c> with the arguments; kills it and throws <see cref="TimeoutException"/> after <paramref name="timeout"/> (default 60 s).</summary>
    public static async Task<CecopResult> RunAsync(
        IEnumerable<string> args,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? stdin = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Executable);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken);
        process.StandardInput.Close();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cecop {string.Join(' ', args)} did not finish within {timeout ?? TimeSpan.FromSeconds(60)}.");
        }
        return new CecopResult(process.ExitCode, await stdout, await stderr);
    }

    private static string Locate()
    {
        var nextToTests = Path.Combine(AppContext.BaseDirectory, "cecop.dll");
        if (File.Exists(nextToTests)) return nextToTests;
        throw new FileNotFoundException($"cecop.dll is not next to the tests in {AppContext.BaseDirectory}; build tests/CecopComms.Tests first.");
    }
}
