namespace CecopComms.Web;

/// <summary>One transactional message to compose and send at once.</summary>
/// <param name="Template">The name under templates/transactional: NAME.html.sbn and NAME.txt.sbn.</param>
/// <param name="ToAddress">The recipient's address.</param>
/// <param name="ToName">The recipient's name, or empty.</param>
/// <param name="Subject">The subject; control characters are removed.</param>
/// <param name="Model">The templates' data; the HTML template escapes it.</param>
/// <param name="PublicationSlug">Whose sender it comes from when Web:FromAddress is not set; the CECOP Newsletter by default.</param>
/// <param name="Language">
/// The shipped language the templates' words (<c>t</c>) and dates are written in (<see cref="TransactionalMailer.Language"/>
/// picks it for a person); the subject is given already in it.
/// </param>
public sealed record TransactionalMail(string Template, string ToAddress, string? ToName, string Subject, object Model,
    string PublicationSlug = "cecop-newsletter", string Language = Localization.ReaderWords.English);
