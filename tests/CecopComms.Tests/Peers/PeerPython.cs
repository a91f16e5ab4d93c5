using System.Diagnostics;

namespace CecopComms.Tests.Peers;

/// <summary>Runs peer scripts under Debian's /usr/bin/python3 (the python3 first on PATH cannot import Debian's modules).</summary>
public static class PeerPython
{
    /// <summary>Debian's interpreter, where python3-dkim and python3-aiosmtpd are installed.</summary>
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>The result of one run.</summary>
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>The full path of a script copied to the test output under Peers/.</summary>
    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Peers", name);

    /// <summary>Runs the script <paramref name="name"/> under Peers/ with <paramref name="stdin"/> piped in.</summary>
    /// <exception cref="TimeoutException">The script did not finish in time; it is killed.</exception>
    public static async Task<Result> RunAsync(string name, byte[] stdin, IEnumerable<string>? args = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Script(name));
        foreach (var a in args ?? []) info.ArgumentList.Add(a);
        info.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{name} did not start");
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(stdin, cts.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(cts.Token);
            return new Result(process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} did not finish in time");
        }
    }
}
