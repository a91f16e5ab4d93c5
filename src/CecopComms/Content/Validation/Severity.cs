namespace CecopComms.Content.Validation;

/// <summary>An error stops a mailing from being compiled or scheduled; a warning is shown and lets it through.</summary>
public enum Severity { Error, Warning }
