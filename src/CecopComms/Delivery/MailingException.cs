using CecopComms.Hosting;

namespace CecopComms.Delivery;

/// <summary>A mailing cannot be created or changed as asked (no such mailing, a state that does not allow it); the message says why.</summary>
public sealed class MailingException(string message) : Exception(message), IUserError;
