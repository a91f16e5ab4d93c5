using CecopComms.Content.Rendering;
using CecopComms.Content.Sources;
using CecopComms.Content.Validation;

namespace CecopComms.Content.Campaigns;

/// <summary>Turns one planned mailing of a campaign (its Markdown files) into what the compiler needs.</summary>
public static class CampaignMailingDefinition
{
    /// <summary>The definition, with the mailing's title; missing language files are warnings, broken ones errors.</summary>
    /// <exception cref="ContentValidationException">A file of the mailing is not valid.</exception>
    public static MailingDefinition Define(CampaignDocument campaign, PlannedFile planned, IReadOnlyDictionary<string, string> files, long id, Diagnostics diagnostics)
    {
        var variants = new Dictionary<string, MailingFile>(StringComparer.Ordinal);
        foreach (var (name, text) in files)
        {
            var language = MailingFileReader.LanguageOf(name, planned.Slug);
            if (!Audience.Languages.TryNormalise(language, out var tag))
            {
                diagnostics.Error(CampaignFolder.Display(campaign.Slug, name), 1, 1, $"'{language}' in the file name is not a language tag (NAME.it.md, NAME.fr.md...)");
                continue;
            }
            if (MailingFileReader.Read(new SourceText(CampaignFolder.Display(campaign.Slug, name), text), tag!, diagnostics) is { } file) variants[tag!] = file;
        }
        foreach (var language in campaign.Languages.Where(l => !variants.ContainsKey(l) && l != LocalText.Fallback))
            diagnostics.Warning(planned.File.File, planned.File.Line, planned.File.Column,
                $"{planned.File.Value} has no '{language}' variant ({planned.Slug}.{language}.md): readers in {language} get the English text");
        diagnostics.ThrowIfErrors(CampaignFolder.Display(campaign.Slug, planned.File.Value));
        if (!variants.TryGetValue(LocalText.Fallback, out var english))
            throw new ContentValidationException($"{CampaignFolder.Display(campaign.Slug, planned.File.Value)}: the English file is missing.");

        var title = $"{campaign.Hashtag}: {(english.Title ?? english.Subject).Value}";
        var sources = variants.Values.ToDictionary(v => v.Source.Name, v => v.Source);
        LocalText Local(Func<MailingFile, LocatedText?> field) =>
            new(variants.Where(v => field(v.Value) is not null).ToDictionary(v => v.Key, v => field(v.Value)!));
        var subject = Local(f => f.Subject);
        var preheader = Local(f => f.Preheader);
        var body = Local(f => f.Body);
        return new MailingDefinition(
            new MailingSource(MailingSourceKind.CampaignMailing, id), title, campaign.Slug, campaign.Name, campaign.Audience, campaign.Sender,
            campaign.Template, [LocalText.Fallback, .. variants.Keys.Where(k => k != LocalText.Fallback).Order(StringComparer.Ordinal)], subject,
            (language, slots, diagnostics) =>
            {
                var model = MailingModel.Create(language, title, MailingModel.Plain(subject, language), MailingModel.Plain(preheader, language),
                    slots, (campaign.Name, campaign.Slug));
                model["body"] = MailingModel.Markdown(body, language, diagnostics, sources);
                model["campaign"] = new Dictionary<string, object?>
                {
                    ["name"] = campaign.Name,
                    ["hashtag"] = campaign.Hashtag,
                    ["starts"] = campaign.Starts,
                    ["ends"] = campaign.Ends,
                    ["assets"] = campaign.Assets.Select(a => (object)new Dictionary<string, object?>
                    {
                        ["kind"] = a.Kind, ["title"] = MailingModel.Plain(a.Title, language), ["url"] = a.Url.Value,
                    }).ToList(),
                };
                return model;
            });
    }
}
