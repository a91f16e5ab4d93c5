using System.Globalization;
using CecopComms.Content.Sources;
using CecopComms.Content.Validation;
using YamlDotNet.RepresentationModel;

namespace CecopComms.Content.Campaigns;

/// <summary>
/// Reads campaigns/SLUG/campaign.yaml:
/// <code>
/// hashtag: "#CoopSkills2023"
/// name: ...
/// period: { start: 2023-07-01, end: 2023-12-31 }
/// audience: list:external-newsletter          # or segment:SLUG
/// sender: { from_name: CECOP, from_address: communication@cecop.coop, reply_to: ... }
/// languages: [en, it, es, fr]                  # a mailing without one of these files is a warning
/// assets: [ { kind: video, title: {en: ...}, url: https://... } ]
/// mailings: [ { file: 01-launch.md, planned: 2023-07-12T10:00:00+02:00 } ]
/// </code>
/// </summary>
public static class CampaignReader
{
    public const string FileName = "campaign.yaml";

    public static CampaignDocument? Read(string slug, SourceText source, Diagnostics diagnostics)
    {
        diagnostics.Know(source);
        var yaml = new YamlSource(source, diagnostics);
        var root = yaml.Root();
        if (root is null) return null;
        var hashtag = yaml.Scalar(root, "hashtag", required: true);
        if (hashtag is not null && !hashtag.Value.StartsWith('#')) diagnostics.Error(source.Name, hashtag.Line, hashtag.Column, "'hashtag' starts with #");
        var name = yaml.Scalar(root, "name", required: true, header: true);
        var audience = yaml.Scalar(root, "audience", required: true);
        if (audience is not null && !(audience.Value.StartsWith("list:", StringComparison.Ordinal) || audience.Value.StartsWith("segment:", StringComparison.Ordinal)))
            diagnostics.Error(source.Name, audience.Line, audience.Column, "'audience' is list:SLUG or segment:SLUG");
        DateOnly? starts = null, ends = null;
        if (yaml.Node(root, "period") is YamlMappingNode period)
        {
            starts = yaml.Date(period, "start", required: true);
            ends = yaml.Date(period, "end", required: true);
            if (starts > ends) yaml.Error(period, "the period ends before it starts");
        }
        else diagnostics.Error(source.Name, yaml.LineOf(root), 1, "'period' is missing: period: { start: yyyy-MM-dd, end: yyyy-MM-dd }");
        var sender = Sender(yaml, root, diagnostics);
        var languages = yaml.Scalars(root, "languages").Select(l => Audience.Languages.TryNormalise(l.Value, out var tag) ? tag! : Bad(l, diagnostics)).ToList();
        if (!languages.Contains(LocalText.Fallback)) languages.Insert(0, LocalText.Fallback);
        var assets = yaml.Sequence(root, "assets").OfType<YamlMappingNode>().Select(a =>
        {
            var url = yaml.Scalar(a, "url", required: true);
            HttpsLink.Check(url, diagnostics);
            return new CampaignAsset(yaml.Scalar(a, "kind", required: true)?.Value ?? "", yaml.Local(a, "title", required: true), url ?? LocatedText.At("", source.Name, 1, 1));
        }).ToList();
        var mailings = new List<PlannedFile>();
        foreach (var node in yaml.Sequence(root, "mailings"))
        {
            if (node is not YamlMappingNode mailing) { yaml.Error(node, "a mailing is { file: NAME.md, planned: yyyy-MM-ddTHH:mm:ss+02:00 }"); continue; }
            var file = yaml.Scalar(mailing, "file", required: true);
            var planned = yaml.Scalar(mailing, "planned", required: true);
            if (file is not null && (!file.Value.EndsWith(".md", StringComparison.Ordinal) || file.Value.Contains('/') || file.Value.Contains('\\')))
                diagnostics.Error(source.Name, file.Line, file.Column, "'file' names a Markdown file beside campaign.yaml (NAME.md)");
            if (planned is not null && !DateTimeOffset.TryParse(planned.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                diagnostics.Error(source.Name, planned.Line, planned.Column, $"'planned' must be a date and time with its offset (2023-07-12T10:00:00+02:00), not '{planned.Value}'");
            else if (file is not null && planned is not null) mailings.Add(new PlannedFile(file, DateTimeOffset.Parse(planned.Value, CultureInfo.InvariantCulture)));
        }
        if (hashtag is null || name is null || audience is null || starts is null || ends is null) return null;
        return new CampaignDocument(source, slug, hashtag.Value, name.Value, starts.Value, ends.Value, audience.Value, sender,
            yaml.Scalar(root, "template", required: false)?.Value ?? "campaign", languages, assets, mailings.OrderBy(m => m.PlannedAt).ToList());
    }

    private static SenderIdentity Sender(YamlSource yaml, YamlMappingNode root, Diagnostics diagnostics)
    {
        if (yaml.Node(root, "sender") is not YamlMappingNode sender)
        {
            diagnostics.Error(yaml.File, yaml.LineOf(root), 1, "'sender' is missing: sender: { from_name: CECOP, from_address: ... }");
            return new SenderIdentity("", "", null);
        }
        return new SenderIdentity(yaml.Scalar(sender, "from_name", required: true, header: true)?.Value ?? "",
            Address(yaml.Scalar(sender, "from_address", required: true), "from_address", diagnostics)?.Value ?? "",
            Address(yaml.Scalar(sender, "reply_to", required: false), "reply_to", diagnostics)?.Value);
    }

    // The sender's addresses go into the From and Reply-To headers as they are written: each must be one e-mail address.
    private static LocatedText? Address(LocatedText? address, string key, Diagnostics diagnostics)
    {
        if (address is null) return null;
        if (!Audience.EmailAddress.TryNormalise(address.Value, out _, out var reason))
            diagnostics.Error(address.File, address.Line, address.Column, $"'{key}' must be one e-mail address ({reason})");
        return address with { Value = address.Value.Trim() };
    }

    private static string Bad(LocatedText language, Diagnostics diagnostics)
    {
        diagnostics.Error(language.File, language.Line, language.Column, $"'{language.Value}' is not a language tag (en, it, fr, es, pl...)");
        return LocalText.Fallback;
    }
}
