using CecopComms.Audience;
using CecopComms.Delivery;
using CecopComms.Delivery.Bounces;
using CecopComms.Hosting.Settings;
using CecopComms.Scheduling;
using CecopComms.Content;
using CecopComms.Localization;
using CecopComms.Reach;
using CecopComms.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using System.Text.RegularExpressions;

namespace CecopComms.Hosting;

/// <summary>
/// The application's services, registered the same way for the CLI (a plain service provider) and for the web host
/// (a WebApplication's container); checks the settings and brings the database up to date.
/// </summary>
public static partial class AppServices
{
    /// <summary>Every room's services: storage, audiences, delivery, scheduling, content. The caller supplies IConfiguration.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddStorage(configuration)
            .AddStoredSettings()
            .AddAudience()
            .AddDelivery()
            .AddScheduling()
            .AddContent()
            .AddReach()
            .AddBounces()
            .AddLanguages()
            // Both the admin area and the command line record what staff do.
            .AddSingleton<Web.Admin.ActivityLog>()
            // Unsubscribes come from the web and, by mailto, from the bounce mailbox: one store carries out both.
            .AddSingleton<Web.SelfService.SelfServiceStore>()
            .AddSingleton<Delivery.IUnsubscribeRequests>(sp => sp.GetRequiredService<Web.SelfService.SelfServiceStore>());

    /// <exception cref="SettingsException">A setting is not valid; the message names it.</exception>
    public static Task<ServiceProvider> StartAsync(IConfiguration configuration, CancellationToken cancellationToken) =>
        StartAsync(configuration, TimeProvider.System, cancellationToken);

    /// <summary>As <see cref="StartAsync(IConfiguration, CancellationToken)"/>, with the clock every service reads.</summary>
    public static async Task<ServiceProvider> StartAsync(IConfiguration configuration, TimeProvider time, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection()
            .AddSingleton(configuration)
            .AddSingleton(time)
            .AddApplication(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        try
        {
            await PrepareAsync(services, cancellationToken);
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
        return services;
    }

    /// <summary>
    /// Validates every option registered with ValidateOnStart (files, environment and the settings kept in the database),
    /// then applies the database's pending migrations.
    /// </summary>
    /// <exception cref="SettingsException">A setting is not valid; the message names it.</exception>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException e)
        {
            throw new SettingsException("The settings are not valid: " + string.Join(" ", e.Failures.Select(FailureSentence)));
        }
        catch (InvalidOperationException e) when (ConversionFailure().Match(e.Message) is { Success: true } failure)
        {
            // The binder could not read a value before validation ran: "abc" where a number belongs.
            throw new SettingsException($"The settings are not valid: {failure.Groups["key"].Value} is '{failure.Groups["value"].Value}', which is not {Expected(failure.Groups["type"].Value)}.");
        }
        await services.GetRequiredService<Migrator>().MigrateAsync(cancellationToken);
        // A new database has its settings table only now: options read from then on see what is stored in it.
        services.GetRequiredService<SettingsStore>().Refresh();
    }

    [GeneratedRegex("^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex ConversionFailure();

    private static string Expected(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" or "System.Decimal" => "a number",
        "System.Boolean" => "true or false",
        _ => "a " + type[(type.LastIndexOf('.') + 1)..],
    };

    // DataAnnotations failures read "DataAnnotation validation failed for 'X' members: 'P' with the error: 'sentence'."
    private static string FailureSentence(string failure)
    {
        const string marker = "with the error: '";
        var at = failure.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return failure;
        // Only the quote that closes the wrapper goes: a sentence may itself end in a quoted value ('outbox' or 'smtp').
        var sentence = failure[(at + marker.Length)..];
        sentence = sentence.EndsWith("'.", StringComparison.Ordinal) ? sentence[..^2] : sentence.TrimEnd('\'');
        return sentence.EndsWith('.') ? sentence : sentence + ".";
    }
}
