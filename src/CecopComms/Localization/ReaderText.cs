namespace CecopComms.Localization;

/// <summary>
/// The words a reader meets: public pages, system mails and the words around an edition's content (greeting, tags,
/// "Read more", footer). English is ReaderText.resx; each shipped language is one ReaderText.LANG.resx beside it.
/// Pages read them through <c>IStringLocalizer&lt;ReaderText&gt;</c>, mails through <see cref="ReaderWords"/>.
/// </summary>
public sealed class ReaderText;
