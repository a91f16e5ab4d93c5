using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CecopComms.Audience;
using MailKit.Net.Imap;
using MailKit.Search;
using MimeKit;
using MailKit.Net.Pop3;
using MailKit.Net.Smtp;
using MailKit.Security;
using MailKit;
using CecopComms.Storage;
using Dapper;
using Microsoft.Extensions.Options;
using AuthenticationException = MailKit.Security.AuthenticationException;

namespace CecopComms.Delivery.Bounces;

/// <summary>
/// Reads the bounce mailbox once: every message is parsed and classified (<see cref="BounceParser"/>), tied to its
/// mailing and person, recorded through <see cref="BounceRecorder"/> and committed, and only then marked for removal;
/// the removals happen at the end (POP3 QUIT, IMAP EXPUNGE). A run that stops half-way removes nothing, and the next
/// one reads the same reports again without counting them twice (each bounce keeps its report's Message-ID).
/// </summary>
/// <remarks>
/// A report is tied, in this order, through our bounce address (bounce+MAILING.SUBSCRIBER.TAG@…, or the
/// X-Cecop-Recipient header of the quoted original), whose HMAC tag proves we issued it; through the Message-ID of the
/// quoted original, found in the ledger (our Message-IDs are random, so quoting one proves the report saw our message);
/// or through the failed recipient's address, found among the subscribers. An address with an altered tag ties to
/// nobody by itself. A tie by address alone proves nothing — anyone can write a report naming someone's address to the
/// bounce mailbox — so it counts as a soft bounce whatever the report says: only repeated reports within the window
/// (Bounces:SoftBounceThreshold) stop mail to that person, never one forged message.
/// </remarks>
public sealed partial class BounceProcessor(Database database, BounceRecorder recorder, BounceAddress addresses, IOptions<BounceMailboxOptions> options,
    TimeProvider time, TokenSigner? signer = null, IUnsubscribeRequests? unsubscribes = null)
{
    private readonly BounceQueries _queries = QueryLoader.Load<BounceQueries>(database.Dialect, "bounces");
    // Read at each use: a mailbox changed on the settings page is the one the next reading opens.
    private BounceMailboxOptions Settings => options.Value;

    /// <summary>Connects to the mailbox the settings name, processes every message, and removes those handled.</summary>
    /// <exception cref="BounceMailboxException">The mailbox cannot be reached or read as the settings say.</exception>
    public async Task<BounceFetchResult> FetchAsync(IProgress<BounceFetchProgress>? progress, CancellationToken cancellationToken)
    {
        await using var mailbox = await OpenAsync(cancellationToken);
        return await ProcessAsync(mailbox, progress, cancellationToken);
    }

    /// <summary>Processes every message of an open mailbox, then commits the removals.</summary>
    /// <exception cref="BounceMailboxException">The connection broke; what was recorded stays recorded and nothing was removed.</exception>
    internal async Task<BounceFetchResult> ProcessAsync(IBounceMailbox mailbox, IProgress<BounceFetchProgress>? progress, CancellationToken cancellationToken)
    {
        var counts = new Counts();
        try
        {
            progress?.Report(new BounceFetchProgress(0, mailbox.Count));
            for (var i = 0; i < mailbox.Count; i++)
            {
                var raw = await mailbox.ReadAsync(i, cancellationToken);
                counts.Read++;
                if (await HandleAsync(raw, counts, cancellationToken))
                {
                    await mailbox.DeleteAsync(i, cancellationToken);
                    counts.Deleted++;
                }
                progress?.Report(new BounceFetchProgress(i + 1, mailbox.Count));
            }
            await mailbox.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException or Pop3ProtocolException or ImapProtocolException or Pop3CommandException
            or ImapCommandException or MessageNotFoundException)
        {
            throw new BounceMailboxException($"Reading the bounce mailbox at {Settings.Host} failed after {counts.Read} messages: {e.Message} "
                + "What was recorded stays recorded and nothing was removed; the next run reads the rest (and counts nothing twice).", e);
        }
        return counts.ToResult();
    }

    /// <summary>Classifies, ties and records one message; true when it may be removed from the mailbox.</summary>
    private async Task<bool> HandleAsync(byte[] raw, Counts counts, CancellationToken cancellationToken)
    {
        MimeMessage message;
        BounceReport report;
        try
        {
            using var stream = new MemoryStream(raw, writable: false);
            message = MimeMessage.Load(stream, cancellationToken);
            report = BounceParser.Parse(message);
        }
        catch (Exception e) when (e is ParseException or FormatException or ArgumentException)
        {
            // Kept for a person to look at: removing what we could not read would lose it for good.
            counts.Unreadable++;
            return false;
        }
        // List-Unsubscribe's mailto (unsubscribe+TOKEN@BounceDomain) lands in this mailbox: a request to carry out, never to drop.
        if (report.Type != BounceMessageType.DeliveryStatus && unsubscribes is not null && UnsubscribeToken(message) is { } token)
        {
            if (await unsubscribes.UnsubscribeAsync(token.SubscriberUuid, token.MailingId, cancellationToken)) counts.Unsubscribes++;
            else counts.Unmatched++;
            return true;
        }
        switch (report.Type)
        {
            case BounceMessageType.AutoReply:
                counts.AutoReplies++;
                return true;
            case BounceMessageType.NotABounce:
                counts.Ignored++;
                return true;
        }

        var reportId = ReportId(message, raw);
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var bounces = await TieAsync(connection, transaction, report, reportId, cancellationToken);
        if (bounces.Count == 0)
        {
            counts.Unmatched++;
            return true;
        }
        foreach (var bounce in bounces)
        {
            var recording = await recorder.RecordAsync(connection, transaction, bounce, now, cancellationToken);
            if (recording == BounceRecording.NotRecorded)
            {
                counts.AlreadyRecorded++;
                continue;
            }
            if (bounce.Kind == BounceKind.Hard) counts.Hard++;
            else counts.Soft++;
            if (recording == BounceRecording.SubscriberBounced) counts.SubscribersBounced++;
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The bounces a report stands for: one for the person our bounce address names, else one per person found.</summary>
    private async Task<List<NewBounce>> TieAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        BounceReport report, string reportId, CancellationToken cancellationToken)
    {
        foreach (var address in report.ReturnAddresses)
        {
            if (addresses.TryParse(address, out var mailingId, out var subscriberId))
                return [Bounce(mailingId, subscriberId, PickRecipient(report, null), reportId)];
        }
        if (report.OriginalMessageId is { } messageId)
        {
            var row = await connection.QuerySingleOrDefaultAsync<(long MailingId, long SubscriberId)?>(new CommandDefinition(_queries.FindByMessageId,
                new { MessageId = messageId.Trim('<', '>') }, transaction, cancellationToken: cancellationToken));
            if (row is { } sent) return [Bounce(sent.MailingId, sent.SubscriberId, PickRecipient(report, null), reportId)];
        }
        var result = new List<NewBounce>();
        foreach (var recipient in report.Recipients)
        {
            var email = recipient.OriginalRecipient ?? recipient.FinalRecipient;
            if (email is null || !EmailAddress.TryNormalise(email, out var normalised, out _) || normalised is null) continue;
            var subscriberId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(_queries.FindSubscriberByEmail,
                new { EmailKey = normalised.Key }, transaction, cancellationToken: cancellationToken));
            if (subscriberId is { } id && result.All(b => b.SubscriberId != id))
                result.Add(Bounce(null, id, recipient, reportId) is var bounce && bounce.Kind == BounceKind.Hard
                    ? bounce with { Kind = BounceKind.Soft, Reply = bounce.Reply + " (tied by address only: counted as soft)" }
                    : bounce);
        }
        return result;
    }

    private static BounceRecipient? PickRecipient(BounceReport report, string? email) =>
        report.Recipients.FirstOrDefault(r => email is not null && string.Equals(r.FinalRecipient, email, StringComparison.OrdinalIgnoreCase))
        ?? report.Recipients.FirstOrDefault(r => r.Kind == BounceKind.Hard)
        ?? report.Recipients.FirstOrDefault();

    private static NewBounce Bounce(long? mailingId, long subscriberId, BounceRecipient? recipient, string reportId)
    {
        // A report that names no recipient is still a failure report: RFC 3464 "failed" is permanent.
        var kind = recipient?.Kind ?? BounceKind.Hard;
        var diagnostic = recipient?.DiagnosticCode;
        var smtpCode = diagnostic is not null && SmtpCode().Match(diagnostic) is { Success: true } m ? m.Value : null;
        var status = recipient?.Status ?? (kind == BounceKind.Hard ? "5.0.0" : "4.0.0");
        var code = smtpCode is null ? status : $"{smtpCode} {status}";
        var reply = diagnostic ?? $"{recipient?.Action ?? "failed"} {status}";
        return new NewBounce(mailingId, subscriberId, kind, code, reply, "dsn", reportId);
    }

    /// <summary>The signed unsubscribe token of an unsubscribe+TOKEN@… address the message was sent to, or null.</summary>
    private RecipientToken? UnsubscribeToken(MimeMessage message)
    {
        if (signer is null) return null;
        const string prefix = "unsubscribe+";
        var addressed = message.To.Mailboxes.Select(m => m.Address)
            .Concat(new[] { "Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To" }.Select(h => message.Headers[h]).OfType<string>());
        foreach (var address in addressed)
        {
            var value = address.Trim().Trim('<', '>');
            var at = value.LastIndexOf('@');
            if (at <= prefix.Length || !value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
            // A test copy's or an old preview's address (no mailing) unsubscribes no one.
            if (signer.TryVerify(value[prefix.Length..at], out var token) && token!.Purpose == TokenPurpose.Unsubscribe && token.MailingId > 0) return token;
        }
        return null;
    }

    /// <summary>The report's Message-ID, or a hash of its bytes when it has none, so reading it again is recognised.</summary>
    private static string ReportId(MimeMessage message, byte[] raw) =>
        message.MessageId is { Length: > 0 } id ? id : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(raw));

    /// <summary>Connects and logs in to the mailbox the settings name; the caller disposes it (without CommitAsync nothing is removed).</summary>
    /// <exception cref="BounceMailboxException">The mailbox cannot be reached or read as the settings say.</exception>
    internal Task<IBounceMailbox> OpenAsync(CancellationToken cancellationToken) => OpenAsync(Settings, cancellationToken);

    /// <summary>Connects and logs in to the mailbox <paramref name="settings"/> names (also the settings page's check, with values not yet saved).</summary>
    /// <exception cref="BounceMailboxException">The mailbox cannot be reached or read as the settings say.</exception>
    internal static async Task<IBounceMailbox> OpenAsync(BounceMailboxOptions settings, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(settings.Host))
            throw new BounceMailboxException("Bounces:Host is not set: name the server that holds the bounce mailbox (with Bounces:User and Bounces:Password).");
        if (string.IsNullOrEmpty(settings.User) || string.IsNullOrEmpty(settings.Password))
            throw new BounceMailboxException("Bounces:User and Bounces:Password must both be set to read the bounce mailbox.");
        var security = Enum.Parse<SecureSocketOptions>(settings.Security, ignoreCase: true);
        var where = $"the bounce mailbox {settings.Protocol}://{settings.Host}{(settings.Port > 0 ? ":" + settings.Port : "")} (Bounces:Host, Bounces:Port)";
        try
        {
            if (settings.Protocol == "imap")
            {
                var imap = new ImapClient { CheckCertificateRevocation = !settings.AcceptInvalidCertificate };
                if (settings.AcceptInvalidCertificate) imap.ServerCertificateValidationCallback = (_, _, _, _) => true;
                try
                {
                    await imap.ConnectAsync(settings.Host, settings.Port, security, cancellationToken);
                    await imap.AuthenticateAsync(settings.User, settings.Password, cancellationToken);
                    await imap.Inbox.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
                    var uids = await imap.Inbox.SearchAsync(SearchQuery.All, cancellationToken);
                    return new ImapBounceMailbox(imap, uids);
                }
                catch
                {
                    imap.Dispose();
                    throw;
                }
            }
            var pop3 = new Pop3Client { CheckCertificateRevocation = !settings.AcceptInvalidCertificate };
            if (settings.AcceptInvalidCertificate) pop3.ServerCertificateValidationCallback = (_, _, _, _) => true;
            try
            {
                await pop3.ConnectAsync(settings.Host, settings.Port, security, cancellationToken);
                await pop3.AuthenticateAsync(settings.User, settings.Password, cancellationToken);
                return new Pop3BounceMailbox(pop3);
            }
            catch
            {
                pop3.Dispose();
                throw;
            }
        }
        catch (AuthenticationException e)
        {
            throw new BounceMailboxException($"{where} refused the user name and password in Bounces:User and Bounces:Password: {e.Message}", e);
        }
        catch (SslHandshakeException e)
        {
            throw new BounceMailboxException($"{where}: TLS failed ({e.Message}). Bounces:AcceptInvalidCertificate = true accepts a self-signed test server.", e);
        }
        catch (NotSupportedException e)
        {
            throw new BounceMailboxException($"{where} does not offer what Bounces:Security = {settings.Security} needs: {e.Message}", e);
        }
        catch (Exception e) when (e is SocketException or IOException or Pop3ProtocolException or ImapProtocolException or Pop3CommandException
            or ImapCommandException)
        {
            throw new BounceMailboxException($"{where} could not be read: {e.Message}", e);
        }
    }

    [GeneratedRegex(@"\b[245]\d\d\b")]
    private static partial Regex SmtpCode();

    private sealed class Counts
    {
        public int Read, Hard, Soft, AutoReplies, Ignored, Unmatched, AlreadyRecorded, Unreadable, Deleted, SubscribersBounced, Unsubscribes;

        public BounceFetchResult ToResult() =>
            new(Read, Hard, Soft, AutoReplies, Ignored, Unmatched, AlreadyRecorded, Unreadable, Deleted, SubscribersBounced, Unsubscribes);
    }
}
