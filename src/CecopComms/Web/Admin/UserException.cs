using CecopComms.Hosting;

namespace CecopComms.Web.Admin;

/// <summary>A staff account cannot be created as asked; the message says what to change.</summary>
public sealed class UserException(string message) : Exception(message), IUserError;
