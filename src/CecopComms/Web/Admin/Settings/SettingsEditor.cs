using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using CecopComms.Delivery;
using CecopComms.Delivery.Bounces;
using CecopComms.Delivery.Tracking;
using CecopComms.Hosting.Settings;
using CecopComms.Localization;
using MailKit.Security;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CecopComms.Web.Admin.Settings;

/// <summary>
/// The logic of the admin settings page: the form filled from the settings in force (files, environment and database),
/// a posted form read and checked into a <see cref="SettingsDraft"/> with sentences naming each wrong field, and a save
/// of the sections that changed, listed in the activity log without any secret.
/// </summary>
public sealed partial class SettingsEditor(
    SettingsStore store,
    IOptionsMonitor<DeliveryOptions> delivery,
    IOptionsMonitor<BounceMailboxOptions> bounces,
    IOptionsMonitor<TrackingOptions> tracking,
    ActivityLog activity,
    IStringLocalizer<StaffText> L)
{
    /// <summary>The Security values a server may have, as MailKit names them.</summary>
    public static readonly IReadOnlyList<string> SecurityChoices = Enum.GetNames<SecureSocketOptions>();

    // Long enough for any real host, user name, password or 4096-bit key; short enough that nothing huge is stored.
    private const int MaxText = 320;
    private const int MaxSecret = 1024;
    private const int MaxKey = 16 * 1024;

    /// <summary>SMTP servers the page takes at most (a pool rarely has more than a few).</summary>
    public const int MaxServers = 20;

    /// <summary>Titles of the sections, as the page and the activity log name them.</summary>
    public IReadOnlyDictionary<string, string> Titles => new Dictionary<string, string>
    {
        [SettingsSections.Smtp] = L["SMTP servers"],
        [SettingsSections.Rates] = L["Sending rates"],
        [SettingsSections.Dkim] = L["DKIM signing"],
        [SettingsSections.Bounces] = L["Bounce mailbox"],
        [SettingsSections.Tracking] = L["Tracking"],
    };

    /// <summary>The settings in force now.</summary>
    public SettingsDraft InForce()
    {
        var d = delivery.CurrentValue;
        var b = bounces.CurrentValue;
        return new SettingsDraft(
            new SmtpSettings { Transport = d.Transport, Servers = d.Servers },
            new RateSettings { RatePerSecond = d.RatePerSecond, RatePerHour = d.RatePerHour, RatePerDay = d.RatePerDay, PerDomainRatePerSecond = d.PerDomainRatePerSecond },
            new DkimSettings { Domain = d.Dkim.Domain ?? "", Selector = d.Dkim.Selector ?? "", PrivateKey = d.Dkim.PrivateKey },
            new BounceSettings
            {
                Enabled = b.Enabled, Protocol = b.Protocol, Host = b.Host, Port = b.Port, Security = b.Security, User = b.User, Password = b.Password,
                IntervalMinutes = b.IntervalMinutes, AcceptInvalidCertificate = b.AcceptInvalidCertificate,
            },
            new TrackingSettings { Enabled = tracking.CurrentValue.Enabled },
            d.Servers.Select((_, i) => (int?)i).ToList(),
            new Dictionary<string, string>());
    }

    /// <summary>The DKIM key file of the files, used while no key is kept in the database; null when none.</summary>
    public string? DkimKeyFile => delivery.CurrentValue.Dkim.KeyPath is { Length: > 0 } path ? path : null;

    /// <summary>The form for the settings in force, with one empty row to add a server.</summary>
    public SettingsForm Form()
    {
        var now = InForce();
        var form = new SettingsForm
        {
            Transport = now.Smtp.Transport,
            Servers = now.Smtp.Servers.Select((s, i) => new ServerForm
            {
                Origin = i, Host = s.Host, Port = Number(s.Port), Security = s.Security, User = s.User ?? "",
                AcceptInvalidCertificate = s.AcceptInvalidCertificate, MaxConnections = Number(s.MaxConnections),
            }).Append(new ServerForm()).ToList(),
            RatePerSecond = Number(now.Rates.RatePerSecond),
            RatePerHour = Number(now.Rates.RatePerHour),
            RatePerDay = Number(now.Rates.RatePerDay),
            PerDomainRatePerSecond = Number(now.Rates.PerDomainRatePerSecond),
            DkimDomain = now.Dkim.Domain,
            DkimSelector = now.Dkim.Selector,
            BouncesEnabled = now.Bounces.Enabled,
            BounceProtocol = now.Bounces.Protocol,
            BounceHost = now.Bounces.Host,
            BouncePort = Number(now.Bounces.Port),
            BounceSecurity = now.Bounces.Security,
            BounceUser = now.Bounces.User,
            BounceIntervalMinutes = Number(now.Bounces.IntervalMinutes),
            BounceAcceptInvalidCertificate = now.Bounces.AcceptInvalidCertificate,
            TrackingEnabled = now.Tracking.Enabled,
        };
        return form;
    }

    /// <summary>Reads and checks a posted form; secrets not replaced or cleared are taken from the settings in force.</summary>
    public SettingsDraft Read(SettingsForm form)
    {
        var now = InForce();
        var problems = new Dictionary<string, string>();

        var servers = new List<SmtpServerOptions>();
        var rows = new List<int?>();
        // Rows past what the page can show are not read: a form that sends thousands gets one sentence, not thousands.
        for (var k = 0; k < Math.Min(form.Servers.Count, MaxServers + 1); k++)
        {
            var row = form.Servers[k];
            var origin = row.Origin >= 0 && row.Origin < now.Smtp.Servers.Count ? now.Smtp.Servers[row.Origin] : null;
            if (row.Remove || (origin is null && string.IsNullOrWhiteSpace(row.Host)))
            {
                rows.Add(null);
                continue;
            }
            var n = servers.Count + 1;
            var server = origin is null ? new SmtpServerOptions() : Copy(origin);
            server.Host = Host(row.Host, $"server-{k}-host", L["SMTP server {0}: enter the host name or address of the server.", n],
                L["SMTP server {0}: the host may hold letters, digits, dots, hyphens and colons only.", n], problems);
            server.Port = Whole(row.Port, 0, 65535, $"server-{k}-port", L["SMTP server {0}: the port must be a whole number from 0 (the usual port) to 65535.", n], problems);
            server.Security = Choice(row.Security, SecurityChoices, $"server-{k}-security", L["SMTP server {0}: choose how the connection is secured.", n], problems);
            server.User = Line(row.User, MaxText, $"server-{k}-user", L["SMTP server {0}: the user name must be one line of at most {1} characters.", n, MaxText], problems) is { Length: > 0 } user ? user : null;
            var moved = origin is not null && Place(origin.Host, origin.Port, origin.Security.ToString()) != Place(server.Host, server.Port, server.Security);
            server.Password = Secret(origin?.Password, moved, row.NewPassword, row.ClearPassword, $"server-{k}-password",
                L["SMTP server {0}: the password must be one line of at most {1} characters.", n, MaxSecret],
                L["SMTP server {0}: the host, port or security changed, so enter the password again (or tick “remove the password”).", n], problems);
            // A token kept in the files is not shown on the page, so it cannot be entered again: it stays with its server.
            if (moved && (!string.IsNullOrEmpty(origin!.OAuthToken) || !string.IsNullOrEmpty(origin.OAuthTokenFile)))
                problems.TryAdd($"server-{k}-host", L["SMTP server {0} signs in with an OAuth token from the settings files, which stays with its host, port and security: add a new server instead.", n]);
            server.AcceptInvalidCertificate = row.AcceptInvalidCertificate;
            server.MaxConnections = Whole(row.MaxConnections, 1, 256, $"server-{k}-max-connections", L["SMTP server {0}: connections at once must be a whole number from 1 to 256.", n], problems);
            rows.Add(servers.Count);
            servers.Add(server);
        }
        if (servers.Count > MaxServers) problems["transport"] = L["SMTP servers: at most {0}; remove some.", MaxServers];
        var transport = form.Transport is "smtp" or "outbox" ? form.Transport : null;
        if (transport is null) problems["transport"] = L["How mail leaves: choose the outbox folder or the SMTP servers."];
        else if (transport == "smtp" && servers.Count == 0) problems["transport"] = L["How mail leaves: sending through SMTP needs at least one server; add one below."];

        var rates = new RateSettings
        {
            RatePerSecond = Rate(form.RatePerSecond, 0.01, 1_000_000, "rate-per-second", L["Messages per second must be 0 (no limit) or a number from 0.01 to 1000000."], problems),
            RatePerHour = Rate(form.RatePerHour, 1, 100_000_000, "rate-per-hour", L["Messages per hour must be 0 (no limit) or a number from 1 to 100000000."], problems),
            RatePerDay = Rate(form.RatePerDay, 1, 1_000_000_000, "rate-per-day", L["Messages per day must be 0 (no limit) or a number from 1 to 1000000000."], problems),
            PerDomainRatePerSecond = Rate(form.PerDomainRatePerSecond, 0.01, 1_000_000, "rate-per-domain", L["Messages per second to one domain must be 0 (no limit) or a number from 0.01 to 1000000."], problems),
        };

        var dkim = new DkimSettings
        {
            Domain = Name(form.DkimDomain, "dkim-domain", L["DKIM domain: enter a domain name such as cecop.coop."], problems),
            Selector = Name(form.DkimSelector, "dkim-selector", L["DKIM selector: letters, digits, dots and hyphens only, such as mail2026."], problems),
            PrivateKey = form.DkimClearKey ? null : form.DkimNewKey is { Length: > 0 } pem ? Key(pem, problems) : now.Dkim.PrivateKey,
        };
        var hasKey = dkim.PrivateKey is not null || DkimKeyFile is not null;
        if (dkim.Domain.Length > 0 != dkim.Selector.Length > 0 && !problems.ContainsKey("dkim-domain") && !problems.ContainsKey("dkim-selector"))
            problems[dkim.Domain.Length == 0 ? "dkim-domain" : "dkim-selector"] = L["DKIM signing needs both a domain and a selector, or neither to sign nothing."];
        else if (dkim.Domain.Length > 0 && !hasKey && !problems.ContainsKey("dkim-key"))
            problems["dkim-key"] = L["DKIM private key: signing needs a key; paste the PEM private key."];

        var mailbox = new BounceSettings
        {
            Enabled = form.BouncesEnabled,
            Protocol = Choice(form.BounceProtocol, ["pop3", "imap"], "bounce-protocol", L["Bounce mailbox: choose POP3 or IMAP."], problems),
            Host = string.IsNullOrWhiteSpace(form.BounceHost) && !form.BouncesEnabled ? ""
                : Host(form.BounceHost, "bounce-host", L["Bounce mailbox: enter the host name or address of its server."],
                    L["Bounce mailbox: the host may hold letters, digits, dots, hyphens and colons only."], problems),
            Port = Whole(form.BouncePort, 0, 65535, "bounce-port", L["Bounce mailbox: the port must be a whole number from 0 (the usual port) to 65535."], problems),
            Security = Choice(form.BounceSecurity, SecurityChoices, "bounce-security", L["Bounce mailbox: choose how the connection is secured."], problems),
            User = Line(form.BounceUser, MaxText, "bounce-user", L["Bounce mailbox: the user name must be one line of at most {0} characters.", MaxText], problems),
            IntervalMinutes = Whole(form.BounceIntervalMinutes, 1, 1440, "bounce-interval", L["Bounce mailbox: read it every 1 to 1440 minutes."], problems),
            AcceptInvalidCertificate = form.BounceAcceptInvalidCertificate,
        };
        var mailboxMoved = Place(now.Bounces.Host, now.Bounces.Port, now.Bounces.Security.ToString()) != Place(mailbox.Host, mailbox.Port, mailbox.Security);
        mailbox.Password = Secret(now.Bounces.Password, mailboxMoved, form.BounceNewPassword, form.BounceClearPassword, "bounce-password",
            L["Bounce mailbox: the password must be one line of at most {0} characters.", MaxSecret],
            L["Bounce mailbox: the host, port or security changed, so enter the password again (or tick “remove the password”)."], problems) ?? "";
        var missing = mailbox.Enabled && (mailbox.User.Length == 0 || mailbox.Password.Length == 0)
            && problems.TryAdd(mailbox.User.Length == 0 ? "bounce-user" : "bounce-password", L["Bounce mailbox: reading it needs a user name and a password."]);

        return new SettingsDraft(new SmtpSettings { Transport = transport ?? now.Smtp.Transport, Servers = servers }, rates, dkim, mailbox,
            new TrackingSettings { Enabled = form.TrackingEnabled }, rows, problems) { MissingMailboxCredentials = missing };
    }

    /// <summary>
    /// Saves the sections of <paramref name="draft"/> that differ from the settings in force (untouched sections keep
    /// following the files), records them in the activity log, and returns their titles; none when nothing changed.
    /// </summary>
    public async Task<IReadOnlyList<string>> SaveAsync(SettingsDraft draft, ClaimsPrincipal staff, CancellationToken cancellationToken)
    {
        var before = InForce().Sections;
        var changed = draft.Sections
            .Select(s => (s.Key, s.Value, Before: Json(before[s.Key]), After: Json(s.Value)))
            .Where(s => s.Before != s.After)
            .ToList();
        if (changed.Count == 0) return [];
        var actor = staff.FindFirst(ClaimTypes.Email)?.Value ?? "unknown";
        await store.SaveAsync(changed.ToDictionary(s => s.Key, s => s.Value), actor, cancellationToken);
        var titles = changed.Select(s => Titles[s.Key]).ToList();
        var detail = string.Join("; ", changed.SelectMany(s => Differences(s.Before, s.After).Select(d => $"{Titles[s.Key]}: {d}")));
        await activity.RecordAsync(staff, "settings", string.Join(", ", titles), detail);
        return titles;
    }

    /// <summary>"Servers:0:Host 10.0.0.1 → 10.0.0.2", secrets only as set, replaced or removed.</summary>
    public static IEnumerable<string> Differences(string before, string after)
    {
        var old = SettingsSections.Flatten(before);
        var now = SettingsSections.Flatten(after);
        foreach (var key in old.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            var a = old.GetValueOrDefault(key, "");
            var b = now.GetValueOrDefault(key, "");
            if (a == b) continue;
            if (SettingsSections.IsSecret(key)) yield return $"{key} {(b.Length == 0 ? "removed" : a.Length == 0 ? "set" : "replaced")}";
            else yield return $"{key} {Shown(a)} → {Shown(b)}";
        }
    }

    private static string Shown(string value) => value.Length == 0 ? "(empty)" : value.Length > 80 ? value[..80] + "…" : value;

    private static string Json(object section) => JsonSerializer.Serialize(section, section.GetType(), SettingsSections.Json);

    private static SmtpServerOptions Copy(SmtpServerOptions server) =>
        JsonSerializer.Deserialize<SmtpServerOptions>(JsonSerializer.Serialize(server, SettingsSections.Json), SettingsSections.Json)!;

    // Plain digits, never "1E-07", so that the page can read back what it shows.
    private static string Number(double value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9.:\-\[\]]{0,252})$")]
    private static partial Regex HostName();

    [GeneratedRegex(@"^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex DomainName();

    private static string Host(string? text, string field, string missing, string wrong, Dictionary<string, string> problems)
    {
        var host = (text ?? "").Trim();
        if (host.Length == 0) problems[field] = missing;
        else if (!HostName().IsMatch(host)) problems[field] = wrong;
        return host;
    }

    private static string Name(string? text, string field, string wrong, Dictionary<string, string> problems)
    {
        var name = (text ?? "").Trim();
        if (name.Length > 0 && (name.Length > 253 || !DomainName().IsMatch(name))) problems[field] = wrong;
        return name;
    }

    private static int Whole(string? text, int min, int max, string field, string wrong, Dictionary<string, string> problems)
    {
        if (int.TryParse((text ?? "").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        problems[field] = wrong;
        return min;
    }

    private static double Rate(string? text, double min, double max, string field, string wrong, Dictionary<string, string> problems)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0) return 0;
        if (double.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && (value == 0 || (value >= min && value <= max))) return value;
        problems[field] = wrong;
        return 0;
    }

    private static string Choice(string? text, IReadOnlyList<string> choices, string field, string wrong, Dictionary<string, string> problems)
    {
        var choice = choices.FirstOrDefault(c => string.Equals(c, text?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (choice is null) problems[field] = wrong;
        return choice ?? choices[0];
    }

    // One line (nothing that could end a header or a protocol command), bounded.
    private static string Line(string? text, int max, string field, string wrong, Dictionary<string, string> problems)
    {
        var line = (text ?? "").Trim();
        if (line.Length > max || line.Any(char.IsControl)) problems[field] = wrong;
        return line;
    }

    /// <summary>
    /// A write-only secret: the new one when given, none when cleared, else the one in force. A kept secret does not
    /// follow its server to another host: that would send it to whoever the new host is.
    /// </summary>
    // Where a kept secret may go: the host, port and security it was entered for. A password is never sent elsewhere,
    // to another port of the host, or over a weaker connection, without being typed again.
    private static string Place(string? host, int port, string security) =>
        $"{(host ?? "").Trim().ToLowerInvariant()}:{port}:{security.ToLowerInvariant()}";

    private static string? Secret(string? kept, bool moved, string? replacement, bool clear, string field, string wrong, string movedSentence,
        Dictionary<string, string> problems)
    {
        if (clear) return null;
        if (!string.IsNullOrEmpty(replacement))
        {
            if (replacement.Length > MaxSecret || replacement.Any(char.IsControl)) problems[field] = wrong;
            return replacement;
        }
        if (string.IsNullOrEmpty(kept)) return null;
        if (moved) problems[field] = movedSentence;
        return kept;
    }

    private string Key(string pem, Dictionary<string, string> problems)
    {
        pem = pem.Trim().ReplaceLineEndings("\n");
        if (pem.Length > MaxKey)
        {
            problems["dkim-key"] = L["DKIM private key: the key is longer than {0} characters; paste one PEM private key only.", MaxKey];
            return pem;
        }
        using var key = RSA.Create();
        try
        {
            key.ImportFromPem(pem);
            // A public key imports too; only a private key can sign.
            key.ExportParameters(includePrivateParameters: true);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            problems["dkim-key"] = L["DKIM private key: this is not an RSA private key in PEM form (it starts with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)."];
            return pem;
        }
        if (key.KeySize < 1024) problems["dkim-key"] = L["DKIM private key: the key has {0} bits; DKIM needs at least 1024 (2048 recommended).", key.KeySize];
        // Every message is signed: a 16384-bit key would cost about a second each. Receivers check up to 4096 bits.
        else if (key.KeySize > 4096) problems["dkim-key"] = L["DKIM private key: the key has {0} bits; use one of 2048 bits (at most 4096).", key.KeySize];
        return pem;
    }
}
