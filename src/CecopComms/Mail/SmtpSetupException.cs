namespace CecopComms.Mail;

/// <summary>The SMTP server cannot be used as the settings say: the message names the server and the setting to change.</summary>
public sealed class SmtpSetupException : Exception
{
    public SmtpSetupException(string message) : base(message)
    {
    }

    public SmtpSetupException(string message, Exception inner) : base(message, inner)
    {
    }
}
