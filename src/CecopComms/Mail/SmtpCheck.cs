using CecopComms.Delivery;
using MailKit;
using MailKit.Net.Smtp;

namespace CecopComms.Mail;

/// <summary>
/// The settings page's "check the SMTP connection": connects to one server as the sender would (EHLO, STARTTLS or TLS
/// as its Security says, AUTH when a user is set), says QUIT, and answers in one sentence what worked or what failed.
/// Sends nothing. Bounded by <see cref="ConnectionCheck.Timeout"/>.
/// </summary>
public static class SmtpCheck
{
    /// <summary>One sentence: "Connected to 127.0.0.1:2525, the server accepted the sign-in." or what failed.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (not the check's own time limit).</exception>
    public static async Task<CheckResult> RunAsync(SmtpServerOptions server, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(server.Host)) return CheckResult.Failed("There is no server to check: enter its host first.");
        SmtpConnector connector;
        try
        {
            connector = new SmtpConnector(server, 0, (int)ConnectionCheck.Timeout.TotalMilliseconds);
        }
        catch (ArgumentException)
        {
            return CheckResult.Failed("The server's security or sign-in method is not one the sender knows.");
        }
        using var _ = connector;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(ConnectionCheck.Timeout);
        try
        {
            using var client = await connector.ConnectAsync(limit.Token);
            var secure = client.IsSecure ? " over TLS" : "";
            await client.DisconnectAsync(quit: true, limit.Token);
            return new CheckResult(true, string.IsNullOrEmpty(server.User)
                ? $"Connected to {connector.Where}{secure}; the server answered, and no sign-in was tried as no user name is set."
                : $"Connected to {connector.Where}{secure}, the server accepted the sign-in.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (SmtpSetupException e) when (e.InnerException is null)
        {
            // Our own refusal before any exchange failed: the server offers no sign-in method the settings allow.
            return CheckResult.Failed($"Connected to {connector.Where}, but the server does not offer the sign-in method the settings ask for.");
        }
        catch (Exception e) when (ConnectionCheck.Sentence(connector.Where, e) is { } sentence)
        {
            return CheckResult.Failed(sentence);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException)
        {
            return CheckResult.Failed($"Connected to {connector.Where}, but the conversation failed: {e.Message}");
        }
    }
}
