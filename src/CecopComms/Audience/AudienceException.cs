using CecopComms.Hosting;
namespace CecopComms.Audience;

/// <summary>
/// A request about the audience that cannot be done as asked (unknown list, duplicate e-mail, a non-member on a
/// members-only list): the user's mistake. The message is a sentence fit to show them.
/// </summary>
public class AudienceException(string message) : Exception(message), IUserError;
