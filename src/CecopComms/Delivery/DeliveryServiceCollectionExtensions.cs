using CecopComms.Delivery.Tracking;
using CecopComms.Hosting.Settings;
using CecopComms.Mail;
using CecopComms.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CecopComms.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Mailings and their ledger, the message composer and signed links, the transport (outbox by default, or the SMTP
    /// pool), the throttle and the sender, bound from the "Delivery" section and validated at start.
    /// </summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>()
            .BindConfiguration(DeliveryOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.Transport != "smtp" || o.Servers.Count > 0, "Delivery:Servers must name at least one SMTP server when Delivery:Transport is 'smtp'.")
            .ValidateOnStart();
        services.AddSingleton(sp => new TokenSigner(TokenKey.Load(Options(sp), sp.GetRequiredService<Database>())));
        services.AddSingleton(sp => new BounceAddress(sp.GetRequiredService<TokenSigner>(), Options(sp).BounceDomain));
        services.AddTrackedLinks();
        // Tracking, the transport, the DKIM signer and the limits follow the settings page without a restart.
        services.AddSingleton(sp => new RecipientLinkFactory(sp.GetRequiredService<TokenSigner>(), sp.GetRequiredService<IOptions<DeliveryOptions>>(),
            new LiveOptions<TrackingOptions>(sp.GetRequiredService<IOptionsMonitor<TrackingOptions>>()), sp.GetRequiredService<MailingLinkStore>()));
        services.AddSingleton<IRecipientLinkFactory>(sp => sp.GetRequiredService<RecipientLinkFactory>());
        services.AddSingleton<IMessageComposer>(sp => new SettingsFollowingComposer(sp.GetRequiredService<IOptionsMonitor<DeliveryOptions>>(),
            o => new MessageComposer(sp.GetRequiredService<RecipientLinkFactory>(), sp.GetRequiredService<BounceAddress>(),
                Microsoft.Extensions.Options.Options.Create(o), sp.GetRequiredService<TimeProvider>(), CreateSigner(o.Dkim, sp.GetRequiredService<TimeProvider>()))));
        services.AddSingleton<IMessageTransport>(sp => new SettingsFollowingTransport(sp.GetRequiredService<IOptionsMonitor<DeliveryOptions>>(), CreateTransport));
        // The content engine registers the real one; until it does, commands that need content say it is missing.
        services.TryAddSingleton<Content.IMailingContent, MissingMailingContent>();
        services.AddSingleton(sp => new SendThrottle(new LiveOptions<DeliveryOptions>(sp.GetRequiredService<IOptionsMonitor<DeliveryOptions>>()), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Database>()));
        services.AddSingleton<MailingStore>();
        services.AddSingleton<Audience.IPersonalDataHolder, DeliveryPersonalData>();
        services.AddSingleton<MailingStarter>();
        services.AddSingleton<MailingSender>();
        services.AddSingleton<RecipientLookup>();
        services.AddSingleton<TestSend>();
        services.AddSingleton<SenderService>();
        return services;
    }

    private static DeliveryOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<DeliveryOptions>>().Value;

    /// <exception cref="ArgumentException">No server, or a Security or AuthMechanism value that is not known.</exception>
    private static IMessageTransport CreateTransport(DeliveryOptions o) => o.Transport == "smtp"
        ? new SmtpPoolTransport(o.Servers)
        : new OutboxTransport(o.OutboxPath, Math.Max(1, o.Workers is > 0 and var w ? w : 4));

    /// <summary>The signer of the DKIM settings: the key kept in the database (PEM), else the key file; null when DKIM is off.</summary>
    /// <exception cref="Hosting.SettingsException">The key file does not exist.</exception>
    /// <exception cref="ArgumentException">The key is not an RSA private key of 1024 bits or more.</exception>
    public static RsaDkimSigner? CreateSigner(DkimOptions dkim, TimeProvider time)
    {
        if (!dkim.Enabled) return null;
        if (!string.IsNullOrWhiteSpace(dkim.PrivateKey))
        {
            using var key = System.Security.Cryptography.RSA.Create();
            try
            {
                key.ImportFromPem(dkim.PrivateKey);
            }
            catch (Exception e) when (e is ArgumentException or System.Security.Cryptography.CryptographicException)
            {
                throw new ArgumentException($"The DKIM private key is not an RSA private key in PEM form ({e.Message}).", e);
            }
            return new RsaDkimSigner(key, dkim.Domain!, dkim.Selector!, time);
        }
        var path = Path.GetFullPath(dkim.KeyPath!);
        if (!File.Exists(path)) throw new Hosting.SettingsException($"Delivery:Dkim:KeyPath {path} does not exist.");
        // The signature's t= comes from the application's clock, like every other time it writes.
        return new RsaDkimSigner(path, dkim.Domain!, dkim.Selector!, time);
    }
}
