using CecopComms.Mail;

namespace CecopComms.Delivery.Bounces;

/// <summary>
/// The settings page's "check the bounce mailbox": signs in over POP3 or IMAP as the bounce reader would, counts the
/// messages waiting, and leaves without removing anything; answers in one sentence what worked or what failed.
/// Bounded by <see cref="ConnectionCheck.Timeout"/>.
/// </summary>
public static class BounceMailboxCheck
{
    /// <summary>One sentence: "Signed in to the bounce mailbox at …; it holds 2 messages." or what failed.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (not the check's own time limit).</exception>
    public static async Task<CheckResult> RunAsync(BounceMailboxOptions mailbox, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(mailbox.Host)) return CheckResult.Failed("There is no bounce mailbox to check: enter the host of its server first.");
        if (string.IsNullOrEmpty(mailbox.User) || string.IsNullOrEmpty(mailbox.Password))
            return CheckResult.Failed("The bounce mailbox needs a user name and a password before it can be checked.");
        var where = $"{mailbox.Host}:{Port(mailbox)}";
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(ConnectionCheck.Timeout);
        try
        {
            // Opened and closed without committing: nothing in the mailbox is removed.
            await using var open = await BounceProcessor.OpenAsync(mailbox, limit.Token);
            return new CheckResult(true, $"Signed in to the bounce mailbox at {where} ({mailbox.Protocol.ToUpperInvariant()}); it holds {open.Count} message{(open.Count == 1 ? "" : "s")}.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is BounceMailboxException or OperationCanceledException)
        {
            return CheckResult.Failed(ConnectionCheck.Sentence(where, e) ?? $"The bounce mailbox at {where} could not be read.");
        }
    }

    private static int Port(BounceMailboxOptions mailbox)
    {
        if (mailbox.Port > 0) return mailbox.Port;
        var tls = string.Equals(mailbox.Security, "SslOnConnect", StringComparison.OrdinalIgnoreCase);
        return mailbox.Protocol == "imap" ? tls ? 993 : 143 : tls ? 995 : 110;
    }
}
