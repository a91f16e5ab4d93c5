namespace CecopComms.Hosting;

/// <summary>The settings cannot be used as given (missing file, bad JSON, a value out of range): the user's mistake.</summary>
public sealed class SettingsException(string message) : Exception(message), IUserError;
