using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Utils;

namespace CecopComms.Delivery.Bounces;

/// <summary>
/// Classifies a message from the bounce mailbox: an RFC 3464 delivery report, one of the common
/// non-standard reports (Exim, qmail, Exchange, Gmail's human text), an automatic reply, or none of these.
/// </summary>
public static partial class BounceParser
{
    /// <summary>Reads <paramref name="message"/>; never throws for odd content, only for a null argument.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    public static BounceReport Parse(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = ReportText(message);
        var original = FindOriginal(message, text);
        var originalId = OriginalMessageId(message, original, text);
        var returns = ReturnAddresses(message, original);

        if (FindStatus(message.Body) is { } status)
        {
            var recipients = FromStatusGroups(status.StatusGroups, text);
            return new BounceReport(BounceMessageType.DeliveryStatus, recipients, originalId, returns, original);
        }
        if (IsTextBounce(message, text))
        {
            var recipients = FromText(message, text);
            return new BounceReport(BounceMessageType.DeliveryStatus, recipients, originalId, returns, original);
        }
        if (IsAutoReply(message))
            return new BounceReport(BounceMessageType.AutoReply, [], originalId ?? ReplyTarget(message), returns, original);
        return new BounceReport(BounceMessageType.NotABounce, [], originalId, returns, original);
    }

    /// <summary>The kind of a failure from its action, status and the server's words.</summary>
    internal static BounceKind Classify(string action, string? status, string? diagnostic)
    {
        var words = diagnostic ?? "";
        // A full mailbox empties again: quota is soft whatever class the server gave it (4.2.2 or 5.2.2).
        if (status is not null && status.EndsWith(".2.2", StringComparison.Ordinal) || QuotaWords().IsMatch(words))
            return BounceKind.Soft;
        if (action == "delayed")
            return BounceKind.Soft;
        if (status is not null && status.StartsWith('4'))
            return BounceKind.Soft;
        if (status is not null && status.StartsWith('5'))
            return BounceKind.Hard;
        if (UnknownUserWords().IsMatch(words))
            return BounceKind.Hard;
        if (TemporaryWords().IsMatch(words))
            return BounceKind.Soft;
        if (SmtpCode().Match(words) is { Success: true } code)
            return code.Value[0] == '4' ? BounceKind.Soft : BounceKind.Hard;
        // The server gave up and said nothing more: RFC 3464 "failed" is permanent.
        return BounceKind.Hard;
    }

    private static MessageDeliveryStatus? FindStatus(MimeEntity? entity) => entity switch
    {
        MessageDeliveryStatus status => status,
        Multipart multipart => multipart.Select(FindStatus).FirstOrDefault(s => s is not null),
        _ => null,
    };

    private static List<BounceRecipient> FromStatusGroups(HeaderListCollection groups, string text)
    {
        var result = new List<BounceRecipient>();
        for (var i = 1; i < groups.Count; i++)
        {
            var group = groups[i];
            var final = Address(group["Final-Recipient"]);
            var originalRecipient = Address(group["Original-Recipient"]);
            var diagnostic = WithoutType(group["Diagnostic-Code"]);
            var status = Refine(StatusOf(group["Status"]), StatusOf(diagnostic));
            var action = group["Action"]?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(action))
                action = status is null ? "failed" : status[0] == '4' ? "delayed" : status[0] == '2' ? "delivered" : "failed";
            if (action is not ("failed" or "delayed"))
                continue;
            if (final is null && originalRecipient is null)
                continue;
            result.Add(new BounceRecipient(final, originalRecipient, action, status, diagnostic, Classify(action, status, diagnostic)));
        }
        if (result.Count == 0 && groups.Count <= 1 && text.Length > 0)
        {
            // A report part without recipient groups: fall back to what the human text says.
            var status = StatusOf(text);
            result.Add(new BounceRecipient(null, null, "failed", status, null, Classify("failed", status, text)));
        }
        return result;
    }

    private static bool IsTextBounce(MimeMessage message, string text)
    {
        if (message.Headers.Contains("X-Failed-Recipients"))
            return true;
        if (BouncePhrases().IsMatch(text))
            return true;
        var fromDaemon = message.From.Mailboxes.Any(m =>
            DaemonLocalParts().IsMatch(m.LocalPart) || (m.Name is { } name && name.Contains("Mail Delivery", StringComparison.OrdinalIgnoreCase)));
        return fromDaemon && BounceSubjects().IsMatch(message.Subject ?? "");
    }

    private static List<BounceRecipient> FromText(MimeMessage message, string text)
    {
        var found = new List<(string Address, string? Diagnostic)>();
        // Exim: "  address\n    diagnostic lines" after the explanation; qmail: "<address>:\ndiagnostic" paragraphs.
        found.AddRange(EximRecipients(text));
        foreach (Match m in QmailBlock().Matches(text))
            found.Add((m.Groups["addr"].Value, Squeeze(m.Groups["diag"].Value)));
        if (ExchangeList().Match(text) is { Success: true } exchange)
        {
            var diagnostic = ExchangeDiagnostic().Match(text) is { Success: true } d ? d.Groups["diag"].Value : null;
            foreach (Match a in AddressPattern().Matches(exchange.Groups["list"].Value))
                found.Add((a.Value, diagnostic));
        }
        if (message.Headers.Where(h => h.Field.Equals("X-Failed-Recipients", StringComparison.OrdinalIgnoreCase)) is var failedHeaders)
        {
            foreach (var header in failedHeaders)
            {
                foreach (Match a in AddressPattern().Matches(header.Value))
                {
                    if (!found.Any(f => f.Address.Equals(a.Value, StringComparison.OrdinalIgnoreCase)))
                        found.Add((a.Value, SmtpReply().Match(text) is { Success: true } r ? r.Value.Trim() : null));
                }
            }
        }
        var result = new List<BounceRecipient>();
        foreach (var (address, diagnostic) in found)
        {
            if (result.Any(r => string.Equals(r.FinalRecipient, address, StringComparison.OrdinalIgnoreCase)))
                continue;
            var words = diagnostic ?? text;
            var status = StatusOf(words);
            var action = ActionOf(text);
            result.Add(new BounceRecipient(address, null, action, status, diagnostic, Classify(action, status, words)));
        }
        if (result.Count == 0)
        {
            // A report we recognise but whose recipient we cannot read: the return addresses still name them.
            var status = StatusOf(text);
            var action = ActionOf(text);
            var diagnostic = SmtpReply().Match(text) is { Success: true } r ? r.Value.Trim() : null;
            result.Add(new BounceRecipient(null, null, action, status, diagnostic, Classify(action, status, text)));
        }
        return result;
    }

    /// <summary>
    /// Exim lists each address indented by two spaces after "The following address(es) failed:" (or, in a delay
    /// warning, "has not yet been delivered is:"), its reasons indented by four.
    /// </summary>
    private static List<(string Address, string? Diagnostic)> EximRecipients(string text)
    {
        var result = new List<(string, string?)>();
        var intro = EximIntro().Match(text);
        if (!intro.Success)
            return result;
        string? address = null;
        var diagnostic = new StringBuilder();
        foreach (var line in text[(intro.Index + intro.Length)..].Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.StartsWith("    ", StringComparison.Ordinal) && address is not null)
            {
                diagnostic.Append(' ').Append(trimmed.Trim());
                continue;
            }
            if (trimmed.Length == 0)
                continue;
            if (trimmed.StartsWith("  ", StringComparison.Ordinal) && AddressPattern().Match(trimmed) is { Success: true } a)
            {
                Flush();
                address = a.Value;
                continue;
            }
            break;
        }
        Flush();
        return result;

        void Flush()
        {
            if (address is not null)
                result.Add((address, diagnostic.Length == 0 ? null : diagnostic.ToString().Trim()));
            address = null;
            diagnostic.Clear();
        }
    }

    private static bool IsAutoReply(MimeMessage message)
    {
        var headers = message.Headers;
        if (headers["Auto-Submitted"] is { } submitted && !submitted.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
            return true;
        if (headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond") || headers.Contains("X-Autoresponder"))
            return true;
        if (headers["Precedence"] is { } precedence && precedence.Trim().Equals("auto_reply", StringComparison.OrdinalIgnoreCase))
            return true;
        return AutoReplySubjects().IsMatch(message.Subject ?? "");
    }

    /// <summary>The human-readable text of the report itself (not of the embedded original): its first text/plain part, else its HTML without tags.</summary>
    private static string ReportText(MimeMessage message)
    {
        if (message.TextBody is { } plain)
            return plain;
        if (message.HtmlBody is { } html)
            return WebUtility.HtmlDecode(HtmlTags().Replace(html, " "));
        return "";
    }

    private static HeaderList? FindOriginal(MimeMessage message, string text)
    {
        foreach (var entity in Walk(message.Body))
        {
            if (entity is MessagePart { Message: { } embedded })
                return embedded.Headers;
            if (entity is TextPart part && part.ContentType.IsMimeType("text", "rfc822-headers"))
                return ReadHeaders(Encoding.UTF8.GetBytes(part.Text));
        }
        // Exim and qmail quote the original after a marker line in the text itself.
        if (QuotedOriginalMarker().Match(text) is { Success: true } marker)
        {
            var rest = text[(marker.Index + marker.Length)..].TrimStart('\r', '\n', ' ');
            var headers = ReadHeaders(Encoding.UTF8.GetBytes(rest));
            if (headers.Count > 0)
                return headers;
        }
        return null;
    }

    /// <summary>A header block quoted as text (or in a text/rfc822-headers part), read by MimeKit; empty when the text does not start with a field.</summary>
    private static HeaderList ReadHeaders(byte[] bytes)
    {
        var lf = Array.IndexOf(bytes, (byte)'\n');
        var first = Encoding.UTF8.GetString(bytes, 0, lf < 0 ? bytes.Length : lf);
        if (!HeaderFieldStart().IsMatch(first))
            return new HeaderList();
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            return HeaderList.Load(stream);
        }
        catch (FormatException)
        {
            return new HeaderList();
        }
    }

    private static string? OriginalMessageId(MimeMessage message, HeaderList? original, string text)
    {
        if (original?["Message-ID"] is { } id && MimeUtils.ParseMessageId(id) is { } fromOriginal)
            return fromOriginal;
        if (message.Headers["X-Original-Message-ID"] is { } xid && MimeUtils.ParseMessageId(xid) is { } fromHeader)
            return fromHeader;
        if (QuotedMessageId().Match(text) is { Success: true } quoted)
            return quoted.Groups["id"].Value;
        return null;
    }

    /// <summary>An automatic reply names the message it answers in In-Reply-To (RFC 3834 §3.1.4).</summary>
    private static string? ReplyTarget(MimeMessage message) =>
        message.Headers["In-Reply-To"] is { } inReplyTo ? MimeUtils.ParseMessageId(inReplyTo) : null;

    private static List<string> ReturnAddresses(MimeMessage message, HeaderList? original)
    {
        var result = new List<string>();
        foreach (var mailbox in message.To.Mailboxes)
            Add(mailbox.Address);
        foreach (var header in message.Headers)
        {
            if (header.Field.Equals("Delivered-To", StringComparison.OrdinalIgnoreCase)
                || header.Field.Equals("X-Original-To", StringComparison.OrdinalIgnoreCase)
                || header.Field.Equals("Envelope-To", StringComparison.OrdinalIgnoreCase)
                || header.Field.Equals("X-Envelope-To", StringComparison.OrdinalIgnoreCase))
            {
                foreach (Match a in AddressPattern().Matches(header.Value))
                    Add(a.Value);
            }
        }
        if (original is not null)
        {
            foreach (var header in original)
            {
                if (header.Field.Equals("Return-Path", StringComparison.OrdinalIgnoreCase) && AddressPattern().Match(header.Value) is { Success: true } a)
                    Add(a.Value);
            }
            foreach (var header in original)
            {
                if (header.Field.Equals("X-Cecop-Recipient", StringComparison.OrdinalIgnoreCase) && header.Value.Trim() is { Length: > 0 } tag)
                    Add(tag);
            }
        }
        return result;

        void Add(string value)
        {
            if (!result.Contains(value, StringComparer.OrdinalIgnoreCase))
                result.Add(value);
        }
    }

    private static IEnumerable<MimeEntity> Walk(MimeEntity? entity)
    {
        if (entity is null)
            yield break;
        yield return entity;
        if (entity is Multipart multipart)
        {
            foreach (var child in multipart)
            {
                foreach (var e in Walk(child))
                    yield return e;
            }
        }
    }

    /// <summary>The address in <c>rfc822; address</c> (or a bare address), without angle brackets.</summary>
    private static string? Address(string? value)
    {
        var text = WithoutType(value);
        if (string.IsNullOrWhiteSpace(text))
            return null;
        text = text.Trim().Trim('<', '>').Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>Drops the RFC 3464 type prefix (<c>rfc822;</c>, <c>smtp;</c>) and joins the lines.</summary>
    private static string? WithoutType(string? value)
    {
        if (value is null)
            return null;
        var semicolon = value.IndexOf(';');
        if (semicolon > 0 && semicolon < 20 && value[..semicolon].Trim().All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            value = value[(semicolon + 1)..];
        return Squeeze(value);
    }

    /// <summary>A generic status (4.0.0, 5.0.0, as Exim writes) gives way to the server's own code of the same class.</summary>
    private static string? Refine(string? status, string? fromDiagnostic)
    {
        if (status is null)
            return fromDiagnostic;
        if (fromDiagnostic is not null && status.EndsWith(".0.0", StringComparison.Ordinal) && fromDiagnostic[0] == status[0])
            return fromDiagnostic;
        return status;
    }

    /// <summary>A text report is a delay warning when it says so and does not also call the error permanent.</summary>
    private static string ActionOf(string text) =>
        DelayPhrases().IsMatch(text) && !text.Contains("permanent", StringComparison.OrdinalIgnoreCase) ? "delayed" : "failed";

    private static string? StatusOf(string? text) =>
        text is not null && StatusCode().Match(text) is { Success: true } m ? m.Value : null;

    private static string Squeeze(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\b[245]\.\d{1,3}\.\d{1,3}\b")]
    private static partial Regex StatusCode();

    [GeneratedRegex(@"\b[45]\d\d\b")]
    private static partial Regex SmtpCode();

    [GeneratedRegex(@"\b[45]\d\d[ -][^\r\n]*")]
    private static partial Regex SmtpReply();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex HtmlTags();

    [GeneratedRegex(@"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"mailbox (is )?full|over ?quota|quota exceeded|exceeded (the )?(storage|quota)|insufficient (system )?storage|mailbox size limit|storage (space|allocation)|out of storage", RegexOptions.IgnoreCase)]
    private static partial Regex QuotaWords();

    [GeneratedRegex(@"user unknown|unknown user|no such (user|mailbox|recipient)|does not exist|doesn't exist|recipient not found|RecipientNotFound|invalid recipient|unknown recipient|mailbox unavailable|address rejected|no mailbox here|not a valid mailbox|account (has been )?disabled", RegexOptions.IgnoreCase)]
    private static partial Regex UnknownUserWords();

    [GeneratedRegex(@"temporar|try again later|greylist|graylist|deferred|rate limit|too many (connections|messages)|will (be )?retr", RegexOptions.IgnoreCase)]
    private static partial Regex TemporaryWords();

    [GeneratedRegex(@"could\s+not\s+be\s+delivered\s+to\s+one\s+or\s+more\s+of\s+its\s+recipients|has\s+not\s+yet\s+been\s+delivered\s+to\s+one\s+or\s+more\s+of\s+its\s+recipients|This\s+is\s+the\s+qmail-send\s+program|Delivery\s+has\s+failed\s+to\s+these\s+recipients\s+or\s+groups|Delivery\s+to\s+the\s+following\s+recipients?\s+failed|The\s+following\s+addresses\s+had\s+permanent\s+fatal\s+errors|I'm\s+sorry\s+to\s+have\s+to\s+inform\s+you\s+that\s+your\s+message\s+could\s+not|Your\s+message\s+wasn't\s+delivered\s+to|Delivery\s+is\s+delayed\s+to\s+these\s+recipients|Your\s+message\s+to\s+\S+\s+couldn't\s+be\s+delivered", RegexOptions.IgnoreCase)]
    private static partial Regex BouncePhrases();

    [GeneratedRegex(@"has\s+not\s+yet\s+been\s+delivered|\bdelayed\b|will\s+(keep\s+)?(trying|retry)|still\s+being\s+retried|Delivery\s+is\s+delayed", RegexOptions.IgnoreCase)]
    private static partial Regex DelayPhrases();

    [GeneratedRegex(@"^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)$", RegexOptions.IgnoreCase)]
    private static partial Regex DaemonLocalParts();

    [GeneratedRegex(@"undeliver|undelivered|delivery (status notification|failure|failed|problem)|mail delivery failed|returned mail|failure notice|non remis|unzustellbar|non recapitabile|no se puede entregar|message not delivered|delayed mail|warning: could not send", RegexOptions.IgnoreCase)]
    private static partial Regex BounceSubjects();

    /// <summary>The words automatic replies start their subjects with, in the languages of CECOP's members (after an optional Re:/AW: or [tag]), so a person writing "about my absence" later in a subject is not taken for one.</summary>
    [GeneratedRegex(@"^\s*(?:\[[^\]]*\]\s*)?(?:(?:re|aw|sv|vs|r|rif|odp|antw|wg|fw|tr)\s*:\s*)?(?:out\s+of\s+(the\s+)?office|automatic\s+reply|auto(matic)?[- ]?reply|auto[- ]?response|autoresponder|absence|absent|abwesen|automatische\s+antwort|risposta\s+automatica|fuori\s+(sede|ufficio)|assenza|assente|r[ée]ponse\s+automatique|respuesta\s+autom[áa]tica|fuera\s+de\s+la\s+oficina|ausente|ausencia|automatyczna\s+odpowied|nieobecno|resposta\s+autom[áa]tica|afwezig|automatisch\s+antwoord|vacation|on\s+vacation|cong[ée]s|en\s+vacances|urlaub|automaattinen\s+vastaus|automatiskt\s+svar|automatisk\s+svar|automatick[áa]\s+odpov)", RegexOptions.IgnoreCase)]
    private static partial Regex AutoReplySubjects();

    [GeneratedRegex(@"The following address\(es\) failed:|has not yet been delivered is:|have not yet been delivered are:", RegexOptions.IgnoreCase)]
    private static partial Regex EximIntro();

    [GeneratedRegex(@"^<(?<addr>[^\s@<>]+@[^\s<>]+)>:\s*\n(?<diag>(?:[^\n]+\n?)*)", RegexOptions.Multiline)]
    private static partial Regex QmailBlock();

    [GeneratedRegex(@"Delivery has failed to these recipients or groups:\s*\n(?<list>(?:\s*\n)*(?:[^\n]*@[^\n]*\n?)+)", RegexOptions.IgnoreCase)]
    private static partial Regex ExchangeList();

    [GeneratedRegex(@"Remote Server returned '(?<diag>[^']*)'", RegexOptions.IgnoreCase)]
    private static partial Regex ExchangeDiagnostic();

    [GeneratedRegex(@"^-+ ?This is a copy of the message, including all the headers\. ?-+\s*$|^--- Below this line is a copy of the message\.\s*$|^-+ ?(Original message|The header of the original message is following\.?) ?-+\s*$|^Original message headers:\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex QuotedOriginalMarker();

    [GeneratedRegex(@"^[\x21-\x39\x3B-\x7E]+[ \t]*:")]
    private static partial Regex HeaderFieldStart();

    [GeneratedRegex(@"^Message-ID:\s*<(?<id>[^<>\s]+)>", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex QuotedMessageId();
}
