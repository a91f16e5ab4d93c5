namespace CecopComms.Mail.Smtp;

/// <summary>Finds the secrets (passwords, SASL responses) in bytes the client writes (mirrors MailKit.IAuthenticationSecretDetector).</summary>
public interface IAuthenticationSecretDetector
{
    /// <summary>The secret ranges within the given bytes; empty when there are none.</summary>
    /// <param name="buffer">The buffer.</param>
    /// <param name="offset">Where the bytes start.</param>
    /// <param name="count">How many.</param>
    IList<AuthenticationSecret> DetectSecrets(byte[] buffer, int offset, int count);
}
