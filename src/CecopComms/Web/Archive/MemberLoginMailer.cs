using System.Globalization;
using System.Threading.Channels;
using CecopComms.Delivery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CecopComms.Web.Archive;

/// <summary>
/// Sends magic links in the background. The login form answers before any mail is sent, so its answer takes the same
/// time for a member and for anyone else (a reply that waited for SMTP would tell them apart).
/// </summary>
public sealed class MemberLoginMailer(TransactionalMailer mailer, IOptions<DeliveryOptions> delivery, ILogger<MemberLoginMailer> logger) : BackgroundService
{
    /// <summary>The templates under templates/transactional.</summary>
    public const string Template = "member-login";

    // Links waiting at most; beyond this a request is dropped (the person asks again) rather than held in memory.
    private const int Capacity = 1_000;

    private readonly Channel<(MemberContact Member, string Token)> _queue =
        Channel.CreateBounded<(MemberContact, string)>(new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>The page a magic link opens.</summary>
    public string LinkUrl(string token) => $"{delivery.Value.PublicBaseUrl.TrimEnd('/')}/members/login/{token}";

    /// <summary>Queues a link to <paramref name="member"/>.</summary>
    public ValueTask EnqueueAsync(MemberContact member, string token, CancellationToken cancellationToken)
    {
        if (!_queue.Writer.TryWrite((member, token))) logger.LogWarning("Too many login links waiting; one request was dropped.");
        return ValueTask.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (member, token) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                // In the language held for the member contact.
                var language = mailer.Language(member.Language);
                var mail = new TransactionalMail(Template, member.Email, member.Name, Localization.ReaderWords.Get("mail.login.subject", language), new
                {
                    name = member.Name,
                    organisation = member.OrganisationName,
                    loginUrl = LinkUrl(token),
                    minutes = ((int)MemberLoginToken.Lifetime.TotalMinutes).ToString(CultureInfo.InvariantCulture),
                }, "cecop-link", language);
                var result = await mailer.SendAsync(mail, stoppingToken);
                if (result.Kind != OutcomeKind.Sent) logger.LogWarning("A login link was not accepted by the mail server: {Reply}", result.Reply);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One failed link (a server down, a bad address) must not stop the next ones.
                logger.LogError(e, "A login link could not be sent.");
            }
        }
    }
}
