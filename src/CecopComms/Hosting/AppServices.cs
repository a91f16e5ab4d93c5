using CecopComms.Audience;
using CecopComms.Delivery;
using CecopComms.Scheduling;
using CecopComms.Content;
using CecopComms.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CecopComms.Hosting;

/// <summary>Builds the application's services from its settings, checks the settings, and brings the database up to date.</summary>
public static class AppServices
{
    /// <exception cref="SettingsException">A setting is not valid; the message names it.</exception>
    public static async Task<ServiceProvider> StartAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection()
            .AddSingleton(configuration)
            .AddStorage(configuration)
            .AddAudience()
            .AddDelivery()
            .AddScheduling()
            .AddContent()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException e)
        {
            await services.DisposeAsync();
            throw new SettingsException("The settings are not valid: " + string.Join(" ", e.Failures.Select(FailureSentence)));
        }
        await services.GetRequiredService<Migrator>().MigrateAsync(cancellationToken);
        return services;
    }

    // DataAnnotations failures read "DataAnnotation validation failed for 'X' members: 'P' with the error: 'sentence'."
    private static string FailureSentence(string failure)
    {
        const string marker = "with the error: '";
        var at = failure.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? failure : failure[(at + marker.Length)..].TrimEnd('.', '\'') + ".";
    }
}
