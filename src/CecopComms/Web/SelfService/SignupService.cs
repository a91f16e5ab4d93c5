using CecopComms.Audience;
using CecopComms.Delivery;
using Microsoft.Extensions.Options;

namespace CecopComms.Web.SelfService;

/// <summary>
/// Double opt-in sign-up for public lists. A sign-up adds an unknown address as an unconfirmed subscriber and queues a
/// mail with a signed, expiring confirmation link; the list only counts them once they confirm (<see cref="ConfirmAsync"/>),
/// which records their consent. The visitor always reads the same answer. A known address keeps its name and language
/// (a stranger must not change them; the person can on their preference page). An address already confirmed on the
/// list gets no mail at all: a "you are already subscribed" mail would tell nothing the visitor can see either, but
/// would let anyone make us mail a subscriber again and again; they already have their preference link in every issue.
/// Someone who unsubscribed gets a confirmation mail: only their own click on it subscribes them again.
/// </summary>
public sealed class SignupService(
    SubscriberStore subscribers,
    ListStore lists,
    SelfServiceStore store,
    ConfirmationMailer mailer,
    IOptions<WebOptions> web)
{
    /// <summary>Whether a list takes sign-ups from the public form.</summary>
    public static bool TakesSignups(MailingList list) => list is { Visibility: "public", DoubleOptIn: true, MembersOnly: false };

    /// <summary>The lists a visitor may sign up for, by name.</summary>
    public async Task<IReadOnlyList<MailingList>> SignupListsAsync(CancellationToken cancellationToken) =>
        (await lists.ListAsync(cancellationToken)).Where(TakesSignups).OrderBy(l => l.Name, StringComparer.Ordinal).ToList();

    /// <summary>Handles a sign-up from the form.</summary>
    /// <exception cref="AudienceException">The e-mail or the list is not valid (the form checks both first).</exception>
    public async Task<SignupOutcome> SignUpAsync(SignupRequest request, CancellationToken cancellationToken)
    {
        var list = await lists.GetAsync(request.ListSlug, cancellationToken);
        if (!TakesSignups(list)) throw new AudienceException($"{list.Name} does not take sign-ups from the public form.");
        var subscriber = await subscribers.FindAsync(request.Email, cancellationToken);
        if (subscriber is null)
        {
            try
            {
                subscriber = await subscribers.AddAsync(new NewSubscriber(request.Email, request.Name.Trim(), request.Language), [list.Slug],
                    confirmed: false, consent: null, cancellationToken);
            }
            catch (AudienceException)
            {
                // The same address signed up twice at once: the other request added it.
                subscriber = await subscribers.FindAsync(request.Email, cancellationToken);
                if (subscriber is null) throw;
            }
        }
        return await SendConfirmationAsync(subscriber, list, cancellationToken);
    }

    /// <summary>Queues a fresh confirmation link for the subscriber and list, unless they need none (see the class).</summary>
    public async Task<SignupOutcome> SendConfirmationAsync(Subscriber subscriber, MailingList list, CancellationToken cancellationToken)
    {
        if (subscriber.Status == SubscriberStatus.Blocklisted) return SignupOutcome.Refused;
        var current = await store.SubscriptionAsync(subscriber.Id, list.Id, cancellationToken);
        if (current?.Status == SubscriptionStatus.Confirmed && subscriber.Status == SubscriberStatus.Active) return SignupOutcome.AlreadySubscribed;
        if (current is null) await store.AddPendingAsync(subscriber.Id, list.Id, cancellationToken);
        mailer.Enqueue(subscriber, list);
        return SignupOutcome.ConfirmationQueued;
    }

    /// <summary>Confirms the subscription a valid, unexpired confirmation token names, recording consent from <paramref name="ip"/>.</summary>
    public async Task<(ConfirmResult Result, MailingList? List)> ConfirmAsync(ExpiringToken token, string ip, CancellationToken cancellationToken)
    {
        var (subscriber, list) = await ResolveAsync(token, cancellationToken);
        if (subscriber is null || list is null) return (ConfirmResult.NotFound, list);
        var consent = new NewConsent("form", ip, web.Value.FormWordingVersion);
        return (await store.ConfirmAsync(subscriber, list, consent, IssuedAt(token), cancellationToken), list);
    }

    /// <summary>
    /// What pressing the confirmation button would do, read without changing anything: Confirmed when it would confirm,
    /// AlreadyConfirmed or WithdrawnSince when there is nothing to press, NotFound (or Refused) when it cannot.
    /// </summary>
    public async Task<(ConfirmResult Result, MailingList? List)> PeekAsync(ExpiringToken token, CancellationToken cancellationToken)
    {
        var (subscriber, list) = await ResolveAsync(token, cancellationToken);
        if (subscriber is null || list is null) return (ConfirmResult.NotFound, list);
        return (await store.ConfirmOutcomeAsync(subscriber, list, IssuedAt(token), cancellationToken), list);
    }

    /// <summary>When the confirmation link was sent: its expiry less the time links are valid.</summary>
    private DateTimeOffset IssuedAt(ExpiringToken token) => token.ExpiresAt - TimeSpan.FromHours(web.Value.ConfirmationValidHours);

    /// <summary>The subscriber and sign-up list a confirmation token names; either is null when gone.</summary>
    public async Task<(Subscriber? Subscriber, MailingList? List)> ResolveAsync(ExpiringToken token, CancellationToken cancellationToken)
    {
        var subscriber = await store.FindAsync(token.SubscriberUuid, cancellationToken);
        var list = (await lists.ListAsync(cancellationToken)).FirstOrDefault(l => l.Id == token.SubjectId && TakesSignups(l));
        return (subscriber, list);
    }
}
