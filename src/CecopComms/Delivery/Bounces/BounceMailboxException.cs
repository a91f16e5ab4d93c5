using CecopComms.Hosting;

namespace CecopComms.Delivery.Bounces;

/// <summary>The bounce mailbox cannot be read as the settings say (server unreachable, credentials refused, certificate not trusted); the message names the setting.</summary>
public sealed class BounceMailboxException(string message, Exception? innerException = null) : Exception(message, innerException), IUserError;
