using System.Threading.Channels;
using CecopComms.Audience;
using CecopComms.Delivery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CecopComms.Web.SelfService;

/// <summary>
/// Sends confirmation links in the background: the sign-up page answers before any mail server is contacted, so
/// its response time does not tell whether the address was known (a confirmed one gets no mail). A bounded queue: when
/// it is full (a flood the rate limit did not stop) the newest request is dropped and logged, and the person can ask again.
/// One address gets at most <see cref="MailsPerDay"/> confirmations a day, however many sign-ups name it: the form
/// cannot be used to flood someone. The mail greets no one by name and quotes nothing the visitor typed (the name of an
/// unconfirmed sign-up is a stranger's text), and its To header carries the address alone.
/// </summary>
public sealed class ConfirmationMailer(
    TransactionalMailer mailer,
    TokenSigner signer,
    IOptions<WebOptions> web,
    IOptions<DeliveryOptions> delivery,
    TimeProvider time,
    ILogger<ConfirmationMailer> logger) : BackgroundService
{
    /// <summary>Confirmation mails one address receives per <see cref="Window"/> at most.</summary>
    public const int MailsPerDay = 3;

    /// <summary>The window of <see cref="MailsPerDay"/>.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(1);

    private readonly MailAllowance _allowance = new(time, MailsPerDay, Window);

    private readonly Channel<(Subscriber Subscriber, MailingList List)> _queue =
        Channel.CreateBounded<(Subscriber, MailingList)>(new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>The link that confirms <paramref name="subscriber"/> on <paramref name="list"/>, valid for Web:ConfirmationValidHours from now.</summary>
    public string ConfirmUrl(Subscriber subscriber, MailingList list, out DateTimeOffset expiresAt)
    {
        // Whole seconds: the token keeps Unix seconds, and the page compares against what the token says.
        var now = time.GetUtcNow();
        expiresAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()) + TimeSpan.FromHours(web.Value.ConfirmationValidHours);
        var token = signer.CreateExpiring(new ExpiringToken(TokenPurpose.Confirm, Guid.Parse(subscriber.Uuid), list.Id, expiresAt));
        return $"{delivery.Value.PublicBaseUrl.TrimEnd('/')}/confirm/{token}";
    }

    /// <summary>Queues the confirmation mail, unless the address has had <see cref="MailsPerDay"/> already; returns at once.</summary>
    public void Enqueue(Subscriber subscriber, MailingList list)
    {
        if (!_allowance.TryTake(subscriber.Uuid))
        {
            logger.LogWarning("Subscriber {Id} has had {Count} confirmations within a day; another was not sent.", subscriber.Id, MailsPerDay);
            return;
        }
        if (!_queue.Writer.TryWrite((subscriber, list)))
            logger.LogWarning("The confirmation queue is full; a confirmation for subscriber {Id} was dropped.", subscriber.Id);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (subscriber, list) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var url = ConfirmUrl(subscriber, list, out var expiresAt);
                // In the language chosen on the form, which the subscriber holds from then on.
                var language = mailer.Language(subscriber.Language);
                var expires = $"{Localization.ReaderWords.Date(DateOnly.FromDateTime(expiresAt.UtcDateTime), language)} {expiresAt.UtcDateTime:HH:mm}";
                var result = await mailer.SendAsync(new TransactionalMail("confirm", subscriber.Email, null,
                    Localization.ReaderWords.Format("mail.confirm.subject", language, list.Name),
                    new { listName = list.Name, confirmUrl = url, expires }, Language: language),
                    stoppingToken);
                if (result.Kind != OutcomeKind.Sent)
                    logger.LogWarning("The confirmation for subscriber {Id} was not accepted: {Reply}", subscriber.Id, result.Reply);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The confirmation for subscriber {Id} could not be sent.", subscriber.Id);
            }
        }
    }
}
