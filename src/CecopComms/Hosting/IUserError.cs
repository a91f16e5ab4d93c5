namespace CecopComms.Hosting;

/// <summary>
/// Marks an exception whose message is a sentence for the person at the keyboard (a mistake in what was asked,
/// a file that cannot be read): the CLI prints it and exits with 1; the web answers 400 with it.
/// </summary>
public interface IUserError;
