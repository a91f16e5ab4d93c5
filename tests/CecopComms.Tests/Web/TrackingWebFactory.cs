using CecopComms.Content;
using CecopComms.Delivery;
using MimeKit;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Tests.Web;

/// <summary>The archive's seeded host with Tracking:Enabled on, and a helper that starts a mailing and composes a recipient's message through the real composer.</summary>
public sealed class TrackingWebFactory : ArchiveWebFactory
{
    public TrackingWebFactory() => Settings["Tracking:Enabled"] = "true";
}

/// <summary>What the tracking tests share: start a mailing, compose one recipient's message as the sender would.</summary>
internal static class TrackingMailings
{
    /// <summary>Starts a paused mailing of <paramref name="edition"/> (its links are stored as it starts) and composes <paramref name="email"/>'s message.</summary>
    public static async Task<(Mailing Mailing, ICompiledMailing Compiled, MimeMessage Message)> StartAndComposeAsync(CecopWebFactory factory, long edition, string email)
    {
        var source = new MailingSource(MailingSourceKind.Edition, edition);
        var mailing = await factory.Services.GetRequiredService<MailingStarter>().StartAsync(source, MailingStatus.Paused, CancellationToken.None);
        var compiled = await factory.Services.GetRequiredService<IMailingContent>().CompileAsync(source, CancellationToken.None);
        var recipient = await factory.Services.GetRequiredService<RecipientLookup>().FindAsync(email, CancellationToken.None)
            ?? throw new InvalidOperationException($"{email} is not a subscriber.");
        return (mailing, compiled, factory.Services.GetRequiredService<IMessageComposer>().Compose(compiled, recipient, mailing.Id, test: false));
    }
}
