namespace CecopComms.Web.SelfService;

/// <summary>A sign-up as the form sent it, already checked for shape.</summary>
/// <param name="Email">The address typed in.</param>
/// <param name="Name">The name typed in, or empty.</param>
/// <param name="Language">A normalised BCP 47 tag.</param>
/// <param name="ListSlug">A list that takes public sign-ups.</param>
public sealed record SignupRequest(string Email, string Name, string Language, string ListSlug);
