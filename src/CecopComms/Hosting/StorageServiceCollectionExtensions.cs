using CecopComms.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CecopComms.Hosting;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The database (bound from the "Storage" section, validated at start), its migrator and the clock.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The one clock of the application; a host or test bed that registered its own first keeps it.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new Database(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<Migrator>();
        return services;
    }
}
