using CecopComms.Hosting;

namespace CecopComms.Reach;

/// <summary>
/// A report or channel figure that cannot be made as asked (an unknown channel or metric, a negative value, a file that
/// cannot be read, a period that ends before it starts): the user's mistake, told in a sentence.
/// </summary>
public sealed class ReachException(string message) : Exception(message), IUserError;
