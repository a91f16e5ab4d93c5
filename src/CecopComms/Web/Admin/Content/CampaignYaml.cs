using System.Globalization;
using CecopComms.Content.Campaigns;
using CecopComms.Content.Sources;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace CecopComms.Web.Admin.Content;

/// <summary>
/// Turns the campaign form into the campaign.yaml `cecop campaigns load` reads (written with YamlDotNet, one field a
/// line), and a campaign read from its YAML back into the form. The YAML is the campaign: saving goes through the same
/// service and checks as the CLI. What the form does not edit (assets, the plan of mailings) is written as it was.
/// </summary>
public static class CampaignYaml
{
    /// <summary>Where a mailing stands in the plan: its file and when it goes.</summary>
    public sealed record Planned(string File, DateTimeOffset At);

    /// <summary>
    /// The form as campaign.yaml, with <paramref name="assets"/> and the <paramref name="plan"/> of mailings; the plan's
    /// lines of the mailing <paramref name="editing"/> are the mailing form's slug and planned-time fields.
    /// </summary>
    public static GeneratedText Write(CampaignForm form, IReadOnlyList<CampaignAsset> assets, IEnumerable<Planned> plan, string? editing = null) =>
        Write(form, assets.Select(a => new CampaignAssetForm
        {
            Kind = a.Kind,
            Url = a.Url.Value,
            Titles = [.. a.Title.Variants.Select(v => new CampaignAssetTitle { Language = v.Key, Text = v.Value.Value })],
        }).ToList(), plan, editing);

    /// <summary>The form as campaign.yaml with the assets of its own rows (those ticked to remove, and empty ones, left out).</summary>
    public static GeneratedText Write(CampaignForm form, IEnumerable<Planned> plan) => Write(form, form.Assets, plan, null);

    private static GeneratedText Write(CampaignForm form, IReadOnlyList<CampaignAssetForm> rows, IEnumerable<Planned> plan, string? editing)
    {
        var assets = rows.Where(a => !a.Remove && !a.IsEmpty).ToList();
        var root = new YamlMappingNode
        {
            { "hashtag", Scalar(form.Hashtag) },
            { "name", Scalar(form.Name) },
            { "period", new YamlMappingNode { { "start", Scalar(form.Starts) }, { "end", Scalar(form.Ends) } } },
            { "audience", Scalar(form.Audience) },
        };
        var sender = new YamlMappingNode { { "from_name", Scalar(form.FromName) }, { "from_address", Scalar(form.FromAddress) } };
        if (!string.IsNullOrWhiteSpace(form.ReplyTo)) sender.Add("reply_to", Scalar(form.ReplyTo));
        root.Add("sender", sender);
        root.Add("template", Scalar(string.IsNullOrWhiteSpace(form.Template) ? "campaign" : form.Template));
        root.Add("languages", new YamlSequenceNode(new[] { LocalText.Fallback }.Concat(form.Languages.Select(Clean).Where(l => l.Length > 0 && l != LocalText.Fallback))
            .Distinct(StringComparer.Ordinal).Select(l => new YamlScalarNode(l))) { Style = SequenceStyle.Flow });
        if (assets.Count > 0)
            root.Add("assets", new YamlSequenceNode(assets.Select(a =>
            {
                var title = new YamlMappingNode();
                foreach (var t in a.Titles.Where(t => !string.IsNullOrWhiteSpace(t.Text) && Clean(t.Language).Length > 0).DistinctBy(t => Clean(t.Language)))
                    title.Add(Clean(t.Language), Clean(t.Text));
                return (YamlNode)new YamlMappingNode { { "kind", Scalar(a.Kind) }, { "title", title }, { "url", Scalar(a.Url) } };
            })));
        var mailings = new YamlSequenceNode(plan.OrderBy(p => p.At).ThenBy(p => p.File, StringComparer.Ordinal).Select(p => (YamlNode)new YamlMappingNode
        {
            { "file", p.File },
            { "planned", p.At.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) },
        }));
        if (mailings.Children.Count == 0) mailings.Style = SequenceStyle.Flow;
        root.Add("mailings", mailings);

        var yaml = FormText.Yaml(root);
        return new GeneratedText(yaml + "\n", Fields(yaml, editing));
    }

    /// <summary>A campaign read from its YAML, as the form shows it.</summary>
    public static CampaignForm Read(CampaignDocument document) => new()
    {
        Slug = document.Slug,
        Hashtag = document.Hashtag,
        Name = document.Name,
        Starts = document.Starts.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Ends = document.Ends.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Audience = document.Audience,
        FromName = document.Sender.FromName,
        FromAddress = document.Sender.FromAddress,
        ReplyTo = document.Sender.ReplyTo,
        Template = document.Template,
        Languages = document.Languages.Where(l => l != LocalText.Fallback).ToList(),
        Assets = document.Assets.Select(a => new CampaignAssetForm
        {
            Kind = a.Kind,
            Url = a.Url.Value,
            Titles = [.. document.Languages.Prepend(LocalText.Fallback).Concat(a.Title.Variants.Keys).Distinct(StringComparer.Ordinal)
                .Select(l => new CampaignAssetTitle { Language = l, Text = a.Title.Variants.GetValueOrDefault(l)?.Value ?? "" })],
        }).ToList(),
    };

    /// <summary>The kinds of asset the form offers.</summary>
    public static readonly IReadOnlyList<string> AssetKinds = ["video", "report", "article", "event", "podcast", "page"];

    /// <summary>The plan of a campaign as read.</summary>
    public static IEnumerable<Planned> Plan(CampaignDocument document) => document.Mailings.Select(m => new Planned(m.File.Value, m.PlannedAt));

    // Single-line values lose stray spaces and line breaks (a name goes into the From header).
    private static string Clean(string? value) => FormText.OneLine(value);

    private static YamlScalarNode Scalar(string? value) => new(Clean(value));

    // Reads the YAML back (YamlDotNet gives each node its line) and names the form field each key was written from.
    private static List<FormField> Fields(string yaml, string? editing)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var fields = new List<FormField>();
        void Add(YamlNode key, string name, string label) =>
            fields.Add(new FormField((int)key.Start.Line, name, label, ((YamlScalarNode)key).Value!, -1));
        foreach (var (key, value) in ((YamlMappingNode)stream.Documents[0].RootNode).Children)
        {
            switch (((YamlScalarNode)key).Value)
            {
                case "hashtag": Add(key, "Form.Hashtag", "Hashtag"); break;
                case "name": Add(key, "Form.Name", "Name"); break;
                case "audience": Add(key, "Form.Audience", "Audience"); break;
                case "template": Add(key, "Form.Template", "Template"); break;
                case "languages": Add(key, "Form.Languages", "Languages"); break;
                case "assets": Add(key, "Form.Assets", "Assets"); break;
                case "period":
                    Add(key, "Form.Starts", "Period");
                    foreach (var (part, _) in ((YamlMappingNode)value).Children)
                        Add(part, ((YamlScalarNode)part).Value == "start" ? "Form.Starts" : "Form.Ends", ((YamlScalarNode)part).Value == "start" ? "First day" : "Last day");
                    break;
                case "sender":
                    Add(key, "Form.FromName", "Sender");
                    foreach (var (part, _) in ((YamlMappingNode)value).Children)
                        switch (((YamlScalarNode)part).Value)
                        {
                            case "from_name": Add(part, "Form.FromName", "Sender's name"); break;
                            case "from_address": Add(part, "Form.FromAddress", "Sender's address"); break;
                            default: Add(part, "Form.ReplyTo", "Replies to"); break;
                        }
                    break;
                case "mailings":
                    Add(key, "", "Plan of mailings");
                    foreach (var mailing in ((YamlSequenceNode)value).Children.OfType<YamlMappingNode>())
                    {
                        var mine = mailing.Children.Any(c => ((YamlScalarNode)c.Key).Value == "file" && ((YamlScalarNode)c.Value).Value == editing + ".md");
                        foreach (var (part, _) in mailing.Children)
                            if (((YamlScalarNode)part).Value == "planned") Add(part, mine ? "Form.Planned" : "", mine ? "Planned time" : "Plan of mailings");
                            else Add(part, mine ? "Form.Slug" : "", mine ? "File name" : "Plan of mailings");
                    }
                    break;
            }
        }
        return fields;
    }
}
