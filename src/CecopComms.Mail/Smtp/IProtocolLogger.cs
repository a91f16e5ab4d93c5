namespace CecopComms.Mail.Smtp;

/// <summary>Receives every byte of a conversation (mirrors MailKit.IProtocolLogger).</summary>
public interface IProtocolLogger : IDisposable
{
    /// <summary>Set by the client so the logger can hide passwords; null logs everything as sent.</summary>
    IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    /// <summary>Called once the connection is open.</summary>
    /// <param name="uri">e.g. smtp://mail.example.coop:587/</param>
    void LogConnect(Uri uri);

    /// <summary>Bytes the client wrote.</summary>
    /// <param name="buffer">The buffer.</param>
    /// <param name="offset">Where the bytes start.</param>
    /// <param name="count">How many.</param>
    void LogClient(byte[] buffer, int offset, int count);

    /// <summary>Bytes the server wrote.</summary>
    /// <param name="buffer">The buffer.</param>
    /// <param name="offset">Where the bytes start.</param>
    /// <param name="count">How many.</param>
    void LogServer(byte[] buffer, int offset, int count);
}
