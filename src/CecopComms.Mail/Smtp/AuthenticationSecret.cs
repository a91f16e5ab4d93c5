namespace CecopComms.Mail.Smtp;

/// <summary>A range of bytes that holds a secret (mirrors MailKit.AuthenticationSecret).</summary>
/// <param name="StartIndex">Index in the buffer passed to the detector.</param>
/// <param name="Length">How many bytes.</param>
public sealed record AuthenticationSecret(int StartIndex, int Length);
