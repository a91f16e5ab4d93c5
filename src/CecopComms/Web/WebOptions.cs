using System.ComponentModel.DataAnnotations;

namespace CecopComms.Web;

/// <summary>The public web of `cecop serve`: where it listens, sign-up limits and wording, transactional mail. Bound from the "Web" section.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>Kestrel's addresses, separated by ';'. The public base URL of links is Delivery:PublicBaseUrl (a proxy may sit in between).</summary>
    [Required, RegularExpression(@"^https?://[^;\s]+(;https?://[^;\s]+)*$", ErrorMessage = "Web:Urls must be one or more http(s) addresses separated by ';', e.g. http://127.0.0.1:5080.")]
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// Addresses of reverse proxies in front of serve (e.g. nginx on 127.0.0.1). Only from them is X-Forwarded-For and
    /// X-Forwarded-Proto believed, so consent records and per-IP limits see the visitor's address, not the proxy's.
    /// Empty (the default): serve faces visitors directly and the headers are ignored, since anyone can send them.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Sign-up and resend requests one IP address may make per minute; more get a 429 page.</summary>
    [Range(1, 100_000, ErrorMessage = "Web:SignupRatePerMinutePerIp must be between 1 and 100000.")]
    public int SignupRatePerMinutePerIp { get; set; } = 5;

    /// <summary>The version of the consent wording shown on the sign-up form; recorded with every consent it collects.</summary>
    [Required, RegularExpression(@"^[\w.\-]{1,40}$", ErrorMessage = "Web:FormWordingVersion must be 1 to 40 letters, digits, '.', '-' or '_'.")]
    public string FormWordingVersion { get; set; } = "signup-2026-11";

    /// <summary>How long a sign-up confirmation link stays valid.</summary>
    [Range(1, 24 * 30, ErrorMessage = "Web:ConfirmationValidHours must be between 1 and 720.")]
    public int ConfirmationValidHours { get; set; } = 72;

    /// <summary>The From of transactional mail (confirmations, login links); empty means the CECOP Newsletter publication's sender.</summary>
    public string? FromAddress { get; set; }

    /// <summary>The display name that goes with Web:FromAddress.</summary>
    public string FromName { get; set; } = "CECOP";

    /// <summary>
    /// Staff sign-in attempts and member login-link uses one IP address may make per minute; more get a 429 page.
    /// Each staff attempt costs a slow password hash.
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "Web:SignInRatePerMinutePerIp must be between 1 and 100000.")]
    public int SignInRatePerMinutePerIp { get; set; } = 10;

    /// <summary>
    /// Failed sign-ins in a row from one IP address after which an admin account is locked, for that address only, for
    /// <see cref="LockoutMinutes"/>. Other addresses can still sign in, so a stranger cannot lock staff out.
    /// </summary>
    [Range(1, 100, ErrorMessage = "Web:MaxFailedLogins must be between 1 and 100.")]
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>How long an admin account stays locked against the address that made too many failed sign-ins.</summary>
    [Range(1, 24 * 60, ErrorMessage = "Web:LockoutMinutes must be between 1 and 1440.")]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>
    /// How long a staff sign-in lasts at most, however active the person is; after it they sign in again. Apart from it,
    /// a session ends after 8 hours without a request.
    /// </summary>
    [Range(1, 24 * 30, ErrorMessage = "Web:AbsoluteSessionHours must be between 1 and 720.")]
    public int AbsoluteSessionHours { get; set; } = 12;
}
