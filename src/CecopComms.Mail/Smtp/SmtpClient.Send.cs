using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Smtp;

public partial class SmtpClient
{
    private SmtpDataStream? _dataStream;

    /// <summary>
    /// When some recipients are refused and others accepted: false (the default) sends nothing and throws one
    /// <see cref="SmtpCommandException"/> that lists every refused recipient; true sends to the accepted ones, and the
    /// refused ones are reported only through <see cref="OnRecipientNotAccepted"/>. When none is accepted the
    /// exception is thrown either way.
    /// </summary>
    public bool SendToAcceptedRecipients { get; set; }

    /// <summary>Sends a message to its To, Cc and Bcc mailboxes, from its Sender or else its first From mailbox.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the send (and disconnects when anything was already written).</param>
    /// <returns>The server's final reply text, usually holding its queue id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="ServiceNotConnectedException">Not connected.</exception>
    /// <exception cref="InvalidOperationException">The message has no sender or no recipients.</exception>
    /// <exception cref="NotSupportedException">An address needs SMTPUTF8 and the server does not offer it.</exception>
    /// <exception cref="SmtpCommandException">The server refused the sender, recipients (all listed) or message, or the message exceeds the server's SIZE; still connected unless 421.</exception>
    /// <exception cref="SmtpProtocolException">The conversation broke; disconnected.</exception>
    /// <exception cref="IOException">The stream broke or timed out; disconnected.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; disconnected.</exception>
    public Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken = default) =>
        SendAsync(FormatOptions.Default, message, cancellationToken);

    /// <summary>Sends a message to its To, Cc and Bcc mailboxes, written with the given options.</summary>
    /// <param name="options">How to write the message; International is turned on when SMTPUTF8 is used.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the send (and disconnects when anything was already written).</param>
    /// <returns>The server's final reply text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="message"/> is null.</exception>
    /// <exception cref="ServiceNotConnectedException">Not connected.</exception>
    /// <exception cref="InvalidOperationException">The message has no sender or no recipients.</exception>
    /// <exception cref="NotSupportedException">An address needs SMTPUTF8 and the server does not offer it.</exception>
    /// <exception cref="SmtpCommandException">The server refused the sender, recipients (all listed) or message, or the message exceeds the server's SIZE; still connected unless 421.</exception>
    /// <exception cref="SmtpProtocolException">The conversation broke; disconnected.</exception>
    /// <exception cref="IOException">The stream broke or timed out; disconnected.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; disconnected.</exception>
    public Task<string> SendAsync(FormatOptions options, MimeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(message);
        var sender = message.Sender ?? message.From.Mailboxes.FirstOrDefault()
            ?? throw new InvalidOperationException("The message has no sender: set Sender or From.");
        var recipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes);
        return SendAsync(options, message, sender, recipients, cancellationToken);
    }

    /// <summary>Sends a message to the given envelope, whatever its headers say.</summary>
    /// <param name="message">The message.</param>
    /// <param name="sender">MAIL FROM.</param>
    /// <param name="recipients">RCPT TO, duplicates sent once.</param>
    /// <param name="cancellationToken">Cancels the send (and disconnects when anything was already written).</param>
    /// <returns>The server's final reply text.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ServiceNotConnectedException">Not connected.</exception>
    /// <exception cref="InvalidOperationException">No recipients.</exception>
    /// <exception cref="NotSupportedException">An address needs SMTPUTF8 and the server does not offer it.</exception>
    /// <exception cref="SmtpCommandException">The server refused the sender, recipients (all listed) or message, or the message exceeds the server's SIZE; still connected unless 421.</exception>
    /// <exception cref="SmtpProtocolException">The conversation broke; disconnected.</exception>
    /// <exception cref="IOException">The stream broke or timed out; disconnected.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; disconnected.</exception>
    public Task<string> SendAsync(MimeMessage message, MailboxAddress sender, IEnumerable<MailboxAddress> recipients, CancellationToken cancellationToken = default) =>
        SendAsync(FormatOptions.Default, message, sender, recipients, cancellationToken);

    /// <summary>
    /// Sends a message to the given envelope. The message is prepared for the transport (8-bit when the server offers
    /// 8BITMIME, else 7-bit; a message already prepared, e.g. DKIM-signed, is unchanged) and streamed through the
    /// dot-stuffing filter. With PIPELINING, MAIL FROM and every RCPT TO leave in one write and all replies are read
    /// before anything is decided; DATA follows on its own.
    /// </summary>
    /// <param name="options">How to write the message; International is turned on when SMTPUTF8 is used.</param>
    /// <param name="message">The message.</param>
    /// <param name="sender">MAIL FROM.</param>
    /// <param name="recipients">RCPT TO, duplicates sent once.</param>
    /// <param name="cancellationToken">Cancels the send (and disconnects when anything was already written).</param>
    /// <returns>The server's final reply text.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ServiceNotConnectedException">Not connected.</exception>
    /// <exception cref="InvalidOperationException">No recipients.</exception>
    /// <exception cref="NotSupportedException">An address needs SMTPUTF8 and the server does not offer it.</exception>
    /// <exception cref="SmtpCommandException">
    /// The server refused the sender (<see cref="SmtpErrorCode.SenderNotAccepted"/>), one or more recipients
    /// (<see cref="SmtpErrorCode.RecipientNotAccepted"/>, every one in <see cref="SmtpCommandException.RefusedRecipients"/>;
    /// see <see cref="SendToAcceptedRecipients"/>) or the message (<see cref="SmtpErrorCode.MessageNotAccepted"/>), or
    /// the message is larger than <see cref="MaxSize"/> (MessageNotAccepted, 552, refused here without sending anything).
    /// The client has sent RSET and is still connected, except after 421.
    /// </exception>
    /// <exception cref="SmtpProtocolException">The conversation broke; disconnected.</exception>
    /// <exception cref="IOException">The stream broke or timed out; disconnected.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; disconnected.</exception>
    public async Task<string> SendAsync(FormatOptions options, MimeMessage message, MailboxAddress sender, IEnumerable<MailboxAddress> recipients, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(recipients);
        ConnectedStream();

        var recipientList = recipients as IReadOnlyCollection<MailboxAddress> ?? recipients.ToList();
        var smtpUtf8 = (Capabilities & SmtpCapabilities.SmtpUtf8) != 0
            && (sender.IsInternational || recipientList.Any(r => r.IsInternational));
        var eightBit = (Capabilities & SmtpCapabilities.EightBitMime) != 0;
        var format = options;
        if (smtpUtf8 && !format.International || format.NewLineFormat != NewLineFormat.Dos)
        {
            format = format.Clone();
            format.International |= smtpUtf8;
            format.NewLineFormat = NewLineFormat.Dos;
        }

        var envelope = SmtpEnvelope.Create(sender, recipientList, smtpUtf8,
            (eightBit ? " BODY=8BITMIME" : "") + (smtpUtf8 ? " SMTPUTF8" : ""));

        message.Prepare(eightBit ? EncodingConstraint.EightBit : EncodingConstraint.SevenBit);
        // A server that states a limit gets the message written once into a bounded buffer, so its size is known
        // before MAIL FROM and DATA sends the same bytes; otherwise the message streams straight into DATA.
        using var sized = MaxSize > 0 ? new SizedMessageBuffer(MaxSize) : null;
        if (sized is not null)
        {
            try
            {
                message.WriteTo(format, sized, cancellationToken);
            }
            catch (SizedMessageBuffer.TooLargeException)
            {
                throw new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.ExceededStorageAllocation, null,
                    $"The message is larger than the {MaxSize} bytes the SMTP server {Host} accepts (SIZE); it was not sent.");
            }
        }
        envelope.Size = sized?.Length;
        Func<Stream, CancellationToken, Task> writeMessage = sized is null
            ? (stream, ct) => message.WriteToAsync(format, stream, ct)
            : sized.WriteToAsync;
        return await SendEnvelopeAsync(envelope, writeMessage, message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Called when the server refuses MAIL FROM. The default throws <see cref="SmtpCommandException"/> with
    /// <see cref="SmtpErrorCode.SenderNotAccepted"/>; the client sends RSET after whatever this throws.
    /// </summary>
    /// <param name="message">The message being sent.</param>
    /// <param name="mailbox">The sender.</param>
    /// <param name="response">The server's reply.</param>
    /// <exception cref="SmtpCommandException">Always, unless overridden.</exception>
    protected virtual void OnSenderNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
        throw new SmtpCommandException(SmtpErrorCode.SenderNotAccepted, response.StatusCode, mailbox,
            $"The SMTP server {Host} refused the sender <{mailbox.Address}>: {response}", response.EnhancedStatusCode);

    /// <summary>
    /// Called once per refused recipient, after every RCPT TO reply has been read. The default does nothing: the
    /// client then throws one <see cref="SmtpCommandException"/> naming every refused recipient, unless
    /// <see cref="SendToAcceptedRecipients"/> is true and some were accepted, in which case the message goes to those
    /// and this is the only report of the refused ones. An override that throws stops the send (after RSET).
    /// </summary>
    /// <param name="message">The message being sent.</param>
    /// <param name="mailbox">The refused recipient.</param>
    /// <param name="response">The server's reply: 4xx means try this recipient later, 5xx means never.</param>
    /// <exception cref="Exception">Whatever an override throws; the default throws nothing.</exception>
    protected virtual void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) { }

    /// <summary>The transaction on wire addresses: MAIL, RCPT (pipelined when offered), DATA, the message, the end.</summary>
    internal async Task<string> SendEnvelopeAsync(SmtpEnvelope envelope, Func<Stream, CancellationToken, Task> writeMessage, MimeMessage? message, CancellationToken cancellationToken)
    {
        var smtp = ConnectedStream();
        cancellationToken.ThrowIfCancellationRequested();
        if (envelope.Size > MaxSize && MaxSize > 0)
            throw new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.ExceededStorageAllocation, null,
                $"The message is {envelope.Size} bytes and the SMTP server {Host} accepts at most {MaxSize} (SIZE); it was not sent.");
        var inData = false;
        try
        {
            var (mailReply, rcptReplies) = await SendEnvelopeCommandsAsync(smtp, envelope, cancellationToken).ConfigureAwait(false);
            if (!mailReply.IsPositive)
            {
                if (message is not null && envelope.SenderMailbox is { } senderMailbox) OnSenderNotAccepted(message, senderMailbox, mailReply);
                throw new SmtpCommandException(SmtpErrorCode.SenderNotAccepted, mailReply.StatusCode, envelope.SenderMailbox,
                    $"The SMTP server {Host} refused the sender <{envelope.Sender}>: {mailReply}", mailReply.EnhancedStatusCode);
            }
            CheckRecipients(envelope, rcptReplies, message);

            smtp.Queue("DATA\r\n"u8);
            var dataReply = await CommandAsync(smtp, cancellationToken).ConfigureAwait(false);
            if (dataReply.StatusCode != SmtpStatusCode.StartMailInput) throw Refused(SmtpErrorCode.MessageNotAccepted, dataReply, "DATA");

            // From here until the final "." the server reads everything as message text: a failure must close, not RSET.
            inData = true;
            var data = _dataStream ??= new SmtpDataStream();
            data.Begin(smtp);
            await writeMessage(data, cancellationToken).ConfigureAwait(false);
            await data.CompleteAsync(cancellationToken).ConfigureAwait(false);
            await smtp.FlushAsync(cancellationToken).ConfigureAwait(false);
            inData = false;

            var final = await ReadResponseAsync(smtp, cancellationToken).ConfigureAwait(false);
            if (final.StatusCode != SmtpStatusCode.Ok) throw Refused(SmtpErrorCode.MessageNotAccepted, final, "the message");
            return final.Response;
        }
        catch (Exception e) when (inData || IsBroken(e))
        {
            Close();
            throw;
        }
        catch when (IsConnected)
        {
            await ResetAfterRefusalAsync(smtp, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<(SmtpResponse Mail, SmtpResponse[] Recipients)> SendEnvelopeCommandsAsync(SmtpStream smtp, SmtpEnvelope envelope, CancellationToken cancellationToken)
    {
        var replies = new SmtpResponse[envelope.Recipients.Count];
        QueueMailFrom(smtp, envelope);
        if ((Capabilities & SmtpCapabilities.Pipelining) != 0)
        {
            foreach (var recipient in envelope.Recipients) QueueRcptTo(smtp, recipient);
            await smtp.FlushAsync(cancellationToken).ConfigureAwait(false);
            var mailReply = await ReadResponseAsync(smtp, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < replies.Length; i++) replies[i] = await ReadResponseAsync(smtp, cancellationToken).ConfigureAwait(false);
            return (mailReply, replies);
        }

        var mail = await CommandAsync(smtp, cancellationToken).ConfigureAwait(false);
        if (!mail.IsPositive) return (mail, replies);
        for (var i = 0; i < replies.Length; i++)
        {
            QueueRcptTo(smtp, envelope.Recipients[i]);
            replies[i] = await CommandAsync(smtp, cancellationToken).ConfigureAwait(false);
        }
        return (mail, replies);
    }

    private void CheckRecipients(SmtpEnvelope envelope, SmtpResponse[] replies, MimeMessage? message)
    {
        List<RefusedRecipient>? refused = null;
        for (var i = 0; i < replies.Length; i++)
        {
            if (replies[i].IsPositive) continue;
            var mailbox = envelope.RecipientMailbox(i);
            (refused ??= []).Add(new RefusedRecipient(envelope.Recipients[i], mailbox, replies[i]));
            if (message is not null && mailbox is not null) OnRecipientNotAccepted(message, mailbox, replies[i]);
        }
        if (refused is null || (SendToAcceptedRecipients && refused.Count < replies.Length)) return;

        var first = refused[0];
        var text = refused.Count == 1
            ? $"The SMTP server {Host} refused the recipient <{first.Address}>: {first.Response}"
            : $"The SMTP server {Host} refused {refused.Count} of {replies.Length} recipients: "
              + string.Join("; ", refused.Select(r => $"<{r.Address}> {r.Response}"));
        throw new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, first.Response.StatusCode, first.Mailbox, text, first.Response.EnhancedStatusCode)
        {
            RefusedRecipients = refused,
        };
    }

    /// <summary>RSET after a refusal so the next message starts clean; if even that fails, the connection is dropped.</summary>
    private async Task ResetAfterRefusalAsync(SmtpStream smtp, CancellationToken cancellationToken)
    {
        try
        {
            smtp.Queue("RSET\r\n"u8);
            var reply = await CommandAsync(smtp, cancellationToken).ConfigureAwait(false);
            if (reply.StatusCode != SmtpStatusCode.Ok) Close();
        }
        catch (Exception e) when (IsBroken(e) || e is SmtpCommandException)
        {
            Close();
        }
    }

    private void QueueMailFrom(SmtpStream smtp, SmtpEnvelope envelope)
    {
        smtp.Queue("MAIL FROM:<"u8);
        smtp.Queue(envelope.Sender);
        smtp.Queue(">"u8);
        if (envelope.Size is { } size && (Capabilities & SmtpCapabilities.Size) != 0) smtp.Queue($" SIZE={size}");
        if (envelope.MailParameters.Length > 0) smtp.Queue(envelope.MailParameters);
        smtp.Queue("\r\n"u8);
    }

    private static void QueueRcptTo(SmtpStream smtp, string recipient)
    {
        smtp.Queue("RCPT TO:<"u8);
        smtp.Queue(recipient);
        smtp.Queue(">\r\n"u8);
    }
}
