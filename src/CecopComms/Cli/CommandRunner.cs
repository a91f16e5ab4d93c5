using System.CommandLine;
using CecopComms.Hosting;

namespace CecopComms.Cli;

/// <summary>
/// Runs a command's body with the application's services, and turns what it throws into an exit code: the user's
/// mistakes give 1 and a sentence; anything else gives 2, a short message, and a file with the details.
/// </summary>
public static class CommandRunner
{
    public static void SetRun(this Command command, Func<ParseResult, IServiceProvider, CancellationToken, Task<int>> body) =>
        command.SetRunWithSettings(async (parseResult, configuration, cancellationToken) =>
        {
            await using var services = await AppServices.StartAsync(configuration, cancellationToken);
            return await body(parseResult, services, cancellationToken);
        });

    /// <summary>Like SetRun, for a command that builds its own services from the settings (cecop serve's web host).</summary>
    public static void SetRunWithSettings(this Command command, Func<ParseResult, Microsoft.Extensions.Configuration.IConfiguration, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                var configuration = AppConfiguration.Build(parseResult.GetValue(CliOptions.Config), Environment.CurrentDirectory);
                return await body(parseResult, configuration, cancellationToken);
            }
            catch (Exception e) when (e is IUserError)
            {
                ConsoleOutput.Error(e.ForCli());
                return ExitCodes.UserError;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                ConsoleOutput.Error("Stopped before it finished.");
                return ExitCodes.InternalError;
            }
            catch (Exception e)
            {
                ConsoleOutput.Error($"Internal error: {e.Message} Details are in {WriteDetails(e)}.");
                return ExitCodes.InternalError;
            }
        });

    private static string WriteDetails(Exception e)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cecop", "errors");
        var path = Path.Combine(folder, $"{TimeProvider.System.GetUtcNow():yyyyMMdd-HHmmss}-{Environment.ProcessId}.txt");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, $"cecop {string.Join(' ', Environment.GetCommandLineArgs().Skip(1))}\n{e}\n");
            return path;
        }
        catch (IOException)
        {
            return "(the details could not be written; run again with the same arguments to see them here)";
        }
    }
}
