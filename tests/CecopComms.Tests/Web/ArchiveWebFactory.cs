using System.Text.RegularExpressions;
using CecopComms.Audience;
using CecopComms.Content;
using CecopComms.Content.Editions;
using CecopComms.Content.Validation;
using CecopComms.Delivery;
using MimeKit;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Tests.Web;

/// <summary>
/// The web host with editions in three states, loaded from the demo files of editions/ and renumbered: CECOP Newsletter
/// #1 (sent), #2 (draft), #3 (its mailing finished; later date), CECOP Link #1 (sent); and an audience: a contact person
/// of a member organisation (ana@members.example) and a public subscriber (bob@public.example). Seeded once per factory.
/// </summary>
public class ArchiveWebFactory : CecopWebFactory
{
    public const string Member = "ana@members.example";
    public const string Public = "bob@public.example";

    private readonly SemaphoreSlim _seeding = new(1, 1);
    private bool _seeded;

    public long NewsletterSent { get; private set; }
    public long NewsletterDraft { get; private set; }
    public long NewsletterFinished { get; private set; }
    public long LinkSent { get; private set; }

    public async Task SeedAsync()
    {
        await _seeding.WaitAsync();
        try
        {
            if (_seeded) return;
            var content = Services.GetRequiredService<MailingContent>();
            var editions = Services.GetRequiredService<EditionStore>();
            NewsletterSent = await LoadAsync(content, "cecop-newsletter-2021-06.yaml", 1, "2021-06-15");
            NewsletterDraft = await LoadAsync(content, "cecop-newsletter-2021-06.yaml", 2, "2021-09-15");
            NewsletterFinished = await LoadAsync(content, "cecop-newsletter-2021-06.yaml", 3, "2021-12-15");
            LinkSent = await LoadAsync(content, "cecop-link-2021-06.yaml", 1, "2021-06-10");
            await editions.SetStateAsync(NewsletterSent, ContentState.Sent, CancellationToken.None);
            await editions.SetStateAsync(LinkSent, ContentState.Sent, CancellationToken.None);
            // Sent as far as the ledger knows, though the edition's own state was not moved on.
            await editions.SetStateAsync(NewsletterFinished, ContentState.Sending, CancellationToken.None);
            await using (var connection = await Database.OpenAsync())
                await connection.ExecuteAsync("INSERT INTO mailings (source_kind, source_id, title, audience, status, created_at, finished_at, updated_at) " +
                    "VALUES ('edition', @Id, 'CECOP Newsletter #3 - 2021', 'list:external-newsletter', 'finished', '2021-12-15T09:00:00.000Z', '2021-12-15T10:00:00.000Z', '2021-12-15T10:00:00.000Z')",
                    new { Id = NewsletterFinished });

            var organisation = await Services.GetRequiredService<OrganisationStore>().AddAsync("Legacoop Produzione e Servizi", "IT", "full", null, CancellationToken.None);
            var subscribers = Services.GetRequiredService<SubscriberStore>();
            await subscribers.AddAsync(new NewSubscriber(Member, "Ana López", "it", organisation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ["cecop-link"], true, null, CancellationToken.None);
            await subscribers.AddAsync(new NewSubscriber(Public, "Bob Martin"), ["external-newsletter"], true, new NewConsent("admin", "tests", "signup-2026-11"), CancellationToken.None);
            _seeded = true;
        }
        finally
        {
            _seeding.Release();
        }
    }

    /// <summary>The transactional messages the outbox holds for <paramref name="address"/>, parsed.</summary>
    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        OutboxMessages().Select(text => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text))))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>Waits up to 10 s for a message to <paramref name="address"/> (magic links are sent in the background).</summary>
    public async Task<MimeMessage> WaitForMessageToAsync(string address, int count = 1)
    {
        for (var i = 0; i < 200; i++)
        {
            var messages = MessagesTo(address);
            if (messages.Count >= count) return messages[count - 1];
            await Task.Delay(50);
        }
        throw new TimeoutException($"No message number {count} reached {address} within 10 s.");
    }

    /// <summary>The form's antiforgery field, read from a page.</summary>
    public static string FormToken(string html) =>
        Regex.Match(html, "name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"|type=\"hidden\" name=\"__csrf\" value=\"([^\"]+)\"|name=\"__csrf\"[^>]*value=\"([^\"]+)\"") is { Success: true } m
            ? m.Groups.Cast<Group>().Skip(1).First(g => g.Success).Value
            : throw new InvalidOperationException("The page has no antiforgery field:\n" + html);

    /// <summary>Saves a demo edition of editions/ with another number and date; returns its id.</summary>
    internal static async Task<long> LoadAsync(MailingContent content, string file, int number, string date)
    {
        var text = File.ReadAllText(Path.Combine(ContentTests.ContentTestBed.Repository, "editions", file));
        text = Regex.Replace(text, @"(?m)^number: \d+$", $"number: {number}");
        text = Regex.Replace(text, @"(?m)^date: [0-9-]+$", $"date: {date}");
        var (edition, _) = await content.SaveEditionAsync(new SourceText($"editions/{file}", text), CancellationToken.None);
        return edition.Id;
    }
}
