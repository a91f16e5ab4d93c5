using MimeKit;
using CecopComms.Web.Admin;
using CecopComms.Web.SelfService;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>The public web's own services: its options (the "Web" section, validated at start), the transactional mailer, sign-up and self-service.</summary>
    public static IServiceCollection AddWeb(this IServiceCollection services)
    {
        services.AddOptions<WebOptions>()
            .BindConfiguration(WebOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.FromAddress) || MailboxAddress.TryParse(o.FromAddress, out _),
                "Web:FromAddress must be an e-mail address, or empty to use the newsletter's sender.")
            .Validate(o => o.KnownProxies.All(a => System.Net.IPAddress.TryParse(a, out _)),
                "Web:KnownProxies must list IP addresses, e.g. [\"127.0.0.1\"].")
            .ValidateOnStart();
        services.AddSingleton<TransactionalMailer>();
        services.AddSingleton<ConfirmationMailer>();
        services.AddHostedService(sp => sp.GetRequiredService<ConfirmationMailer>());
        services.AddSingleton<SignupService>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<Admin.Settings.SettingsEditor>();
        services.AddSingleton<AdminDashboard>();
        services.AddSingleton<Admin.Content.ContentPreview>();
        services.AddSingleton<Admin.Sending.SendingChoices>();
        services.AddSingleton<Admin.Reports.AdminReports>();
        return services;
    }
}
