namespace CecopComms.Audience;

/// <summary>
/// An e-mail address after <see cref="EmailAddress.TryNormalise"/>: <paramref name="Email"/> is what we show and send to
/// (as the person wrote it, domain lower-cased Unicode, NFC); <paramref name="Key"/> is the case-insensitive identity
/// stored in subscribers.email_key (local part lower-cased, domain in punycode).
/// </summary>
public sealed record NormalisedEmail(string Email, string Key);
