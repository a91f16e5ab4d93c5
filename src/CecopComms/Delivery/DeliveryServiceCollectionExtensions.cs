using CecopComms.Delivery.Tracking;
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
        services.AddSingleton<RecipientLinkFactory>();
        services.AddSingleton<IRecipientLinkFactory>(sp => sp.GetRequiredService<RecipientLinkFactory>());
        services.AddSingleton<IMessageComposer>(sp => new MessageComposer(sp.GetRequiredService<RecipientLinkFactory>(), sp.GetRequiredService<BounceAddress>(),
            sp.GetRequiredService<IOptions<DeliveryOptions>>(), sp.GetRequiredService<TimeProvider>(), CreateSigner(Options(sp).Dkim, sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton<IMessageTransport>(sp => Options(sp) is { Transport: "smtp" } o
            ? new SmtpPoolTransport(o.Servers)
            : new OutboxTransport(Options(sp).OutboxPath, Math.Max(1, Options(sp).Workers is > 0 and var w ? w : 4)));
        // The content engine registers the real one; until it does, commands that need content say it is missing.
        services.TryAddSingleton<Content.IMailingContent, MissingMailingContent>();
        services.AddSingleton<SendThrottle>();
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

    private static RsaDkimSigner? CreateSigner(DkimOptions dkim, TimeProvider time)
    {
        if (!dkim.Enabled) return null;
        var path = Path.GetFullPath(dkim.KeyPath!);
        if (!File.Exists(path)) throw new Hosting.SettingsException($"Delivery:Dkim:KeyPath {path} does not exist.");
        // The signature's t= comes from the application's clock, like every other time it writes.
        return new RsaDkimSigner(path, dkim.Domain!, dkim.Selector!, time);
    }
}
