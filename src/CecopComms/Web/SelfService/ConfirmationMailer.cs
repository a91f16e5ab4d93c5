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
/// </summary>
public sealed class ConfirmationMailer(
    TransactionalMailer mailer,
    TokenSigner signer,
    IOptions<WebOptions> web,
    IOptions<DeliveryOptions> delivery,
    TimeProvider time,
    ILogger<ConfirmationMailer> logger) : BackgroundService
{
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

    /// <summary>Queues the confirmation mail; returns at once.</summary>
    public void Enqueue(Subscriber subscriber, MailingList list)
    {
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
                var result = await mailer.SendAsync(new TransactionalMail("confirm", subscriber.Email, subscriber.Name,
                    $"Confirm your subscription to {list.Name}",
                    new { name = subscriber.Name, listName = list.Name, confirmUrl = url, expires = expiresAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) }),
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
