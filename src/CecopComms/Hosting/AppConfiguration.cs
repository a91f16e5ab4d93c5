using Microsoft.Extensions.Configuration;

namespace CecopComms.Hosting;

/// <summary>
/// Where settings come from, weakest first: appsettings.json (the working directory's, else the one next to the
/// executable), environment variables the standard .NET way (Storage__Path), then the file named by --config.
/// </summary>
public static class AppConfiguration
{
    public const string FileName = "appsettings.json";

    /// <exception cref="SettingsException">The --config file is missing or a settings file is not valid JSON.</exception>
    public static IConfiguration Build(string? configFile, string workingDirectory)
    {
        var builder = new ConfigurationBuilder();
        var defaults = new[] { Path.Combine(workingDirectory, FileName), Path.Combine(AppContext.BaseDirectory, FileName) }
            .FirstOrDefault(File.Exists);
        if (defaults is not null) builder.AddJsonFile(defaults, optional: false, reloadOnChange: false);
        builder.AddEnvironmentVariables();
        if (configFile is not null)
        {
            var full = Path.GetFullPath(configFile, workingDirectory);
            if (!File.Exists(full)) throw new SettingsException($"The settings file {full} given with --config does not exist.");
            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }
        try
        {
            return builder.Build();
        }
        catch (InvalidDataException e)
        {
            throw new SettingsException($"A settings file is not valid JSON: {e.Message}");
        }
    }
}
