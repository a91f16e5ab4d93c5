using System.Diagnostics;

namespace CecopComms.Mail.Tests;

/// <summary>Runs peer programs, above all scripts under Debian's /usr/bin/python3 (the python3 first on PATH cannot import Debian's modules).</summary>
public static class PeerPython
{
    /// <summary>Debian's interpreter, where python3-dkim and python3-aiosmtpd are installed.</summary>
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>The result of one run.</summary>
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>The full path of a script copied to the test output under Peers/.</summary>
    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Peers", name);

    /// <summary>Runs <paramref name="script"/> (a name under Peers/ or a path) with <paramref name="stdin"/> piped in.</summary>
    /// <exception cref="TimeoutException">The script did not finish in time; it is killed.</exception>
    public static Task<Result> RunAsync(string script, byte[] stdin, IEnumerable<string>? args = null, TimeSpan? timeout = null) =>
        RunProgramAsync(Interpreter, [Path.IsPathRooted(script) ? script : Script(script), .. args ?? []], stdin, timeout);

    /// <summary>Runs any peer program (opendkim-testmsg, …) with <paramref name="stdin"/> piped in.</summary>
    /// <exception cref="TimeoutException">The program did not finish in time; it is killed.</exception>
    public static async Task<Result> RunProgramAsync(string program, IEnumerable<string> args, byte[] stdin, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        info.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
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
            throw new TimeoutException($"{program} did not finish in time");
        }
    }

    /// <summary>Runs synchronously; see <see cref="RunAsync"/>.</summary>
    public static Result Run(string script, byte[] stdin, IEnumerable<string>? args = null, TimeSpan? timeout = null) =>
        RunAsync(script, stdin, args, timeout).GetAwaiter().GetResult();
}
