using System.Net;
using System.Text.RegularExpressions;
using CecopComms.Audience;
using CecopComms.Delivery;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Tests.Web;

/// <summary>What the web tests share: people and mailings in the factory's database, signed tokens, forms with their antiforgery field.</summary>
public static partial class WebTestData
{
    [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();

    [GeneratedRegex(@"https?://[^\s""<>]+/confirm/[A-Za-z0-9_-]+")]
    private static partial Regex ConfirmLink();

    /// <summary>The signer with the factory's fixed key.</summary>
    public static TokenSigner Signer { get; } = new(Convert.FromBase64String(CecopWebFactory.TokenSecret));

    /// <summary>Adds a person, optionally confirmed on lists, optionally a contact of a member organisation.</summary>
    public static async Task<Subscriber> AddSubscriberAsync(CecopWebFactory factory, string email, string[] lists, bool member = false, string name = "Ana López")
    {
        var services = factory.Services;
        string? organisation = null;
        if (member)
        {
            var organisations = services.GetRequiredService<OrganisationStore>();
            organisation = (await organisations.FindAsync("Legacoop Produzione e Servizi", CancellationToken.None)
                ?? await organisations.AddAsync("Legacoop Produzione e Servizi", "IT", "full", null, CancellationToken.None)).Name;
        }
        return await services.GetRequiredService<SubscriberStore>().AddAsync(new NewSubscriber(email, name, "en", organisation), lists,
            confirmed: true, consent: new NewConsent("cli", "test", "v1"), CancellationToken.None);
    }

    /// <summary>A finished mailing to a list (or to a segment when <paramref name="listSlug"/> is null); returns its id.</summary>
    public static async Task<long> AddMailingAsync(CecopWebFactory factory, string? listSlug)
    {
        await using var connection = await factory.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("""
            INSERT INTO mailings (source_kind, source_id, title, audience, list_id, status, total, created_at, updated_at)
            VALUES ('edition', (SELECT coalesce(max(source_id), 0) + 1 FROM mailings), 'CECOP Newsletter #1 - 2026',
                    coalesce('list:' || @Slug, 'segment:italian-members'), (SELECT id FROM lists WHERE slug = @Slug), 'finished', 1,
                    '2026-03-01T09:00:00.000Z', '2026-03-01T09:00:00.000Z')
            RETURNING id
            """, new { Slug = listSlug });
    }

    public static string Token(TokenPurpose purpose, Subscriber subscriber, long mailingId) =>
        Signer.Create(new RecipientToken(purpose, Guid.Parse(subscriber.Uuid), mailingId));

    /// <summary>
    /// Spellings of <paramref name="token"/> that a lenient base64 reader decodes to the same bytes: whitespace inside or
    /// after it, a literal "%20", '=' padding, the standard alphabet's '+' and '/' (when the token has '-' or '_'), and a
    /// last character with its unused low bits set (when the length leaves such bits).
    /// </summary>
    public static IEnumerable<(string Kind, string Text)> OtherSpellings(string token)
    {
        yield return ("space inside", token.Insert(10, " "));
        yield return ("space after", token + " ");
        yield return ("%20 inside", token.Insert(10, "%20"));
        yield return ("newline after", token + "\n");
        yield return ("newline inside", token.Insert(10, "\r\n"));
        yield return ("tab inside", token.Insert(10, "\t"));
        yield return ("padding", token + "=");
        yield return ("double padding", token + "==");
        var standard = token.Replace('-', '+').Replace('_', '/');
        if (standard != token) yield return ("standard alphabet", standard);
        if (token.Length % 4 != 0)
        {
            const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            yield return ("non-canonical last character", token[..^1] + alphabet[alphabet.IndexOf(token[^1]) | 1]);
        }
    }

    /// <summary>The token with one character changed (still valid base64url of the same length).</summary>
    public static string Altered(string token) =>
        token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];

    /// <summary>The status of the person's subscription to a list, or null.</summary>
    public static async Task<string?> SubscriptionStatusAsync(CecopWebFactory factory, string email, string listSlug)
    {
        await using var connection = await factory.Database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT x.status FROM subscriptions x JOIN subscribers s ON s.id = x.subscriber_id JOIN lists l ON l.id = x.list_id WHERE s.email_key = lower(@Email) AND l.slug = @Slug",
            new { Email = email, Slug = listSlug });
    }

    /// <summary>A scalar from the factory's database.</summary>
    public static async Task<T> ScalarAsync<T>(CecopWebFactory factory, string sql, object? parameters = null)
    {
        await using var connection = await factory.Database.OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    /// <summary>GETs a page and returns the value of its antiforgery field (the client keeps the cookie).</summary>
    public static async Task<string> CsrfAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var match = CsrfField().Match(await response.Content.ReadAsStringAsync());
        Assert.True(match.Success, $"{url} has no antiforgery field.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>POSTs url-encoded fields.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Name, string Value)[] fields) =>
        client.PostAsync(url, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    /// <summary>Waits (up to 10 s) until the outbox holds <paramref name="count"/> messages, and returns them.</summary>
    public static async Task<IReadOnlyList<string>> OutboxAsync(CecopWebFactory factory, int count)
    {
        for (var i = 0; i < 200; i++)
        {
            var messages = factory.OutboxMessages();
            if (messages.Count >= count) return messages;
            await Task.Delay(50);
        }
        return factory.OutboxMessages();
    }

    /// <summary>The confirmation link in a message, with quoted-printable soft breaks undone.</summary>
    public static string ConfirmUrl(string message)
    {
        var text = message.Replace("=\r\n", "").Replace("=\n", "").Replace("=3D", "=");
        var match = ConfirmLink().Match(text);
        Assert.True(match.Success, "The message has no confirmation link.");
        return match.Value;
    }

    /// <summary>The path and token part of an absolute link.</summary>
    public static string PathOf(string url) => new Uri(url).PathAndQuery;
}
