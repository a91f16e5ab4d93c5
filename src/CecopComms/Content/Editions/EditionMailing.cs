using System.Globalization;
using CecopComms.Content.Publications;
using CecopComms.Content.Rendering;
using CecopComms.Content.Sources;
using CecopComms.Content.Validation;

namespace CecopComms.Content.Editions;

/// <summary>Turns a saved edition into what the compiler needs: its publication's template, sender and audience, and its values per language.</summary>
public static class EditionMailing
{
    /// <exception cref="ContentValidationException">The edition's source is not valid.</exception>
    public static MailingDefinition Define(Edition edition, Publication publication, Diagnostics diagnostics)
    {
        var source = new SourceText(edition.SourceName, edition.Source);
        var document = EditionReader.Read(source, diagnostics);
        diagnostics.ThrowIfErrors(edition.Title);
        return Define(document!, publication, edition.Id, edition.Number);
    }

    public static MailingDefinition Define(EditionDocument document, Publication publication, long id, int number)
    {
        var title = publication.EditionTitle(number, document.Date.Year);
        var sources = new Dictionary<string, SourceText> { [document.Source.Name] = document.Source };
        return new MailingDefinition(
            new MailingSource(MailingSourceKind.Edition, id), title, publication.Slug, publication.Name, publication.Audience, publication.Sender,
            publication.Template, document.Languages, document.Subject,
            (language, slots, diagnostics) =>
            {
                var model = MailingModel.Create(language, title, MailingModel.Plain(document.Subject, language), MailingModel.Plain(document.Preheader, language),
                    slots, (publication.Name, publication.Slug));
                model["edition"] = new Dictionary<string, object?>
                {
                    ["title"] = title,
                    ["number"] = number.ToString(CultureInfo.InvariantCulture),
                    ["year"] = document.Date.Year.ToString(CultureInfo.InvariantCulture),
                    ["date"] = document.Date,
                };
                model["intro"] = MailingModel.Markdown(document.Intro, language, diagnostics, sources);
                model["intro_text"] = MailingModel.MarkdownText(document.Intro, language);
                model["items"] = document.Items.Select(item => (object)new Dictionary<string, object?>
                {
                    ["date"] = item.Date,
                    ["title"] = MailingModel.Plain(item.Title, language),
                    ["tags"] = item.Tags.Select(tag => (object)NewsTags.Word(tag, language)).ToList(),
                    ["summary"] = MailingModel.Markdown(item.Summary, language, diagnostics, sources),
                    ["summary_text"] = MailingModel.MarkdownText(item.Summary, language),
                    ["link"] = item.Link.Value,
                    ["image"] = item.Image?.Value,
                    ["image_alt"] = MailingModel.Plain(item.ImageAlt, language),
                }).ToList();
                return model;
            });
    }
}
