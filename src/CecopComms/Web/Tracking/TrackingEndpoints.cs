using System.Globalization;
using CecopComms.Delivery;
using CecopComms.Delivery.Tracking;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CecopComms.Web.Tracking;

/// <summary>
/// The open pixel and the click redirect. Both answer 404 while tracking is off, 400 for a token that is not signed
/// for them (nothing recorded), and record nothing for a test copy (mailing 0). A click goes only to the link of the
/// token's mailing with that number: an altered number, or a URL that was never in the mailing, cannot be reached.
/// </summary>
public static class TrackingEndpoints
{
    /// <summary>A 1×1 transparent GIF, 43 bytes.</summary>
    public static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    /// <summary>GET /t/o/{token}.gif.</summary>
    public static async Task<IResult> OpenAsync(string token, HttpContext context, IOptionsMonitor<TrackingOptions> options, TokenSigner signer,
        TrackingEventWriter events, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.Enabled) return Results.NotFound();
        if (!signer.TryVerify(token, out var read) || read!.Purpose is not (TokenPurpose.Open or TokenPurpose.Preview)) return Results.BadRequest();
        // A preview's or test copy's pixel is shown and records nothing.
        if (read.Purpose == TokenPurpose.Open && read.MailingId > 0)
            await events.RecordAsync(new TrackingEvent(read.MailingId, read.SubscriberUuid, TrackingEventKind.Open, null, time.GetUtcNow()), cancellationToken);
        NotStored(context);
        return Results.Bytes(Pixel, "image/gif");
    }

    /// <summary>GET /t/c/{token}/{n}.</summary>
    public static async Task<IResult> ClickAsync(string token, string n, HttpContext context, IOptionsMonitor<TrackingOptions> options, TokenSigner signer,
        MailingLinkStore links, TrackingEventWriter events, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.Enabled) return Results.NotFound();
        if (!signer.TryVerify(token, out var read) || read!.Purpose != TokenPurpose.Click || read.MailingId <= 0) return Results.BadRequest();
        // Digits only ("+1", " 1", "1e0" are not numbers of a link), and few enough to be an int.
        if (n.Length is 0 or > 9 || !n.All(char.IsAsciiDigit)) return Results.BadRequest();
        var number = int.Parse(n, NumberStyles.None, CultureInfo.InvariantCulture);
        var urls = await links.LinksAsync(read.MailingId, cancellationToken);
        if (number >= urls.Count) return Results.BadRequest();
        var url = urls[number];
        // The compiler only lets absolute https links into a mailing; checked again so the stored table is never trusted blindly.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme != Uri.UriSchemeHttps) return Results.BadRequest();
        await events.RecordAsync(new TrackingEvent(read.MailingId, read.SubscriberUuid, TrackingEventKind.Click, url, time.GetUtcNow()), cancellationToken);
        NotStored(context);
        return Results.Redirect(url);
    }

    // Every open and click must reach the server to count; no cache may answer for it.
    private static void NotStored(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store, no-cache, must-revalidate, private";
        context.Response.Headers.Pragma = "no-cache";
    }
}
