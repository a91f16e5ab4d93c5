using CecopComms.Content.Campaigns;
using CecopComms.Content.Editions;
using CecopComms.Content.Publications;
using CecopComms.Content.Rendering;
using CecopComms.Content.Sources;
using CecopComms.Content.Validation;
using Microsoft.Extensions.Options;

namespace CecopComms.Content;

/// <summary>
/// Content as delivery sees it (compiled mailings, states, campaign plans) and as the CLI saves it: nothing is saved,
/// scheduled or compiled without passing the same checks, and each compile reads the templates folder afresh.
/// </summary>
public sealed class MailingContent(EditionStore editions, PublicationStore publications, CampaignStore campaigns, IOptions<ContentOptions> options,
    TimeProvider? time = null, Audience.AudienceResolver? audiences = null) : IMailingContent
{
    public async Task<ICompiledMailing> CompileAsync(MailingSource source, CancellationToken cancellationToken) =>
        await CompileMailingAsync(source, cancellationToken);

    /// <summary>As <see cref="CompileAsync"/>, with the concrete type (its warnings and languages).</summary>
    /// <exception cref="ContentValidationException">The mailing is not valid.</exception>
    /// <exception cref="ContentNotFoundException">No such edition or campaign mailing.</exception>
    public async Task<CompiledMailing> CompileMailingAsync(MailingSource source, CancellationToken cancellationToken)
    {
        var diagnostics = new Diagnostics();
        var engine = Engine(diagnostics);
        if (source.Kind == MailingSourceKind.Edition)
        {
            var edition = await editions.GetAsync(source.Id, cancellationToken);
            var publication = await publications.GetAsync(edition.PublicationSlug, cancellationToken);
            return CompiledMailing.Compile(EditionMailing.Define(edition, publication, diagnostics), engine, diagnostics);
        }
        var mailing = await campaigns.GetMailingAsync(source.Id, cancellationToken);
        var campaign = await campaigns.GetAsync(mailing.CampaignSlug, cancellationToken);
        var document = CampaignReader.Read(campaign.Slug, new SourceText(CampaignFolder.Display(campaign.Slug, CampaignReader.FileName), campaign.Source), diagnostics);
        diagnostics.ThrowIfErrors(campaign.Hashtag);
        var planned = document!.Mailings.FirstOrDefault(m => m.Slug == mailing.Slug)
            ?? throw new ContentValidationException($"{campaign.Slug}/campaign.yaml no longer plans {mailing.Slug}.md.");
        var files = mailing.FileTexts();
        return CompiledMailing.Compile(CampaignMailingDefinition.Define(document, planned, files, mailing.Id, diagnostics), engine, diagnostics);
    }

    public async Task SetStateAsync(MailingSource source, ContentState state, CancellationToken cancellationToken)
    {
        if (state == ContentState.Scheduled) await CompileMailingAsync(source, cancellationToken);
        if (source.Kind == MailingSourceKind.Edition) await editions.SetStateAsync(source.Id, state, cancellationToken);
        else await campaigns.SetStateAsync(source.Id, state, cancellationToken);
    }

    public async Task<IReadOnlyList<PlannedMailing>> CampaignPlanAsync(string campaignSlug, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.GetAsync(campaignSlug, cancellationToken);
        return (await campaigns.MailingsAsync(campaign, cancellationToken))
            .Select(m => new PlannedMailing(new MailingSource(MailingSourceKind.CampaignMailing, m.Id), m.Title, m.PlannedAt))
            .OrderBy(m => m.PlannedAt).ToList();
    }

    /// <summary>Checks an edition file as if it were sent (templates, Markdown, links, every language) without saving it.</summary>
    /// <exception cref="ContentValidationException">It is not valid.</exception>
    public async Task<CompiledMailing> CheckEditionAsync(SourceText source, CancellationToken cancellationToken)
    {
        var diagnostics = new Diagnostics();
        var document = EditionReader.Read(source, diagnostics);
        diagnostics.ThrowIfErrors(source.Name);
        var publication = await publications.GetAsync(document!.Publication.Value, cancellationToken);
        return CompiledMailing.Compile(EditionMailing.Define(document, publication, 0, document.Number ?? 0), Engine(diagnostics), diagnostics);
    }

    /// <summary>Checks an edition file, then saves it (see <see cref="EditionStore.SaveAsync"/>).</summary>
    /// <exception cref="ContentValidationException">It is not valid, or it would change an edition past draft.</exception>
    public async Task<(Edition Edition, CompiledMailing Mailing)> SaveEditionAsync(SourceText source, CancellationToken cancellationToken)
    {
        await CheckEditionAsync(source, cancellationToken);
        var (edition, _) = await editions.SaveAsync(source, cancellationToken);
        return (edition, await CompileMailingAsync(new MailingSource(MailingSourceKind.Edition, edition.Id), cancellationToken));
    }

    /// <summary>Checks every mailing of a campaign folder, then saves the campaign. Returns it with the warnings found.</summary>
    /// <exception cref="ContentValidationException">Something in the folder is not valid, or it would change what a mailing past draft was scheduled with.</exception>
    public async Task<(Campaign Campaign, Diagnostics Diagnostics)> LoadCampaignAsync(string folder, CancellationToken cancellationToken)
    {
        var diagnostics = new Diagnostics();
        var read = CampaignFolder.Read(folder, diagnostics);
        return await SaveCampaignAsync(read, diagnostics, folder, cancellationToken);
    }

    /// <summary>
    /// As <see cref="LoadCampaignAsync"/>, for a campaign given as its files' texts (campaign.yaml and the Markdown files by
    /// name): what the admin area writes from its forms passes the same checks as a folder.
    /// </summary>
    /// <exception cref="ContentValidationException">Something is not valid, or it would change what a mailing past draft was scheduled with.</exception>
    public async Task<(Campaign Campaign, Diagnostics Diagnostics)> SaveCampaignAsync(string slug, string campaignYaml, IReadOnlyDictionary<string, string> markdown,
        CancellationToken cancellationToken)
    {
        var diagnostics = new Diagnostics();
        var read = CampaignFolder.FromTexts(slug, campaignYaml, markdown, diagnostics);
        return await SaveCampaignAsync(read, diagnostics, $"campaigns/{slug}", cancellationToken);
    }

    private async Task<(Campaign Campaign, Diagnostics Diagnostics)> SaveCampaignAsync(CampaignFolder? read, Diagnostics diagnostics, string what,
        CancellationToken cancellationToken)
    {
        diagnostics.ThrowIfErrors(what);
        await KeepWhatWasScheduledAsync(read!.Document, diagnostics, cancellationToken);
        await CheckAudienceAsync(read.Document, diagnostics, cancellationToken);
        diagnostics.ThrowIfErrors(what);
        var engine = Engine(diagnostics);
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var planned in read.Document.Mailings)
        {
            // Every mailing is checked, so one run reports the problems of all of them.
            try { titles[planned.Slug] = CompiledMailing.Compile(CampaignMailingDefinition.Define(read.Document, planned, read.Files[planned.Slug], 0, diagnostics), engine, diagnostics).Title; }
            catch (ContentValidationException) when (diagnostics.HasErrors) { }
        }
        diagnostics.ThrowIfErrors($"campaigns/{read.Document.Slug}");
        return (await campaigns.SaveAsync(read, titles, cancellationToken), diagnostics);
    }

    // A campaign whose list or segment does not exist would be refused only when a mailing goes out: say so when it is saved.
    private async Task CheckAudienceAsync(CampaignDocument document, Diagnostics diagnostics, CancellationToken cancellationToken)
    {
        if (audiences is null) return;
        try
        {
            await audiences.ResolveAsync(document.Audience, cancellationToken);
        }
        catch (Audience.AudienceException e)
        {
            var lines = document.Source.Text.Split('\n');
            var line = Array.FindIndex(lines, l => l.StartsWith("audience:", StringComparison.Ordinal)) + 1;
            var column = line > 0 ? lines[line - 1].IndexOf(document.Audience, StringComparison.Ordinal) + 1 : 1;
            diagnostics.Error(document.Source.Name, Math.Max(line, 1), Math.Max(column, 1), e.Message);
        }
    }

    // A mailing scheduled, being sent or sent was compiled for its audience, sender and template: they stay, and so does
    // the mailing in the campaign's plan. Drafts and cancelled mailings may change freely.
    private async Task KeepWhatWasScheduledAsync(CampaignDocument document, Diagnostics diagnostics, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(document.Slug, cancellationToken) is not { } saved) return;
        var past = (await campaigns.MailingsAsync(saved, cancellationToken))
            .Where(m => m.State is ContentState.Scheduled or ContentState.Sending or ContentState.Sent).ToList();
        if (past.Count == 0) return;
        var before = CampaignReader.Read(saved.Slug, new SourceText(document.Source.Name, saved.Source), new Diagnostics());
        var names = string.Join(", ", past.Select(m => m.Slug + ".md"));
        void Keep(string key, string? was, string? now)
        {
            if (was != now) diagnostics.Error(document.Source.Name, LineOf(document.Source, key), 1,
                $"'{key}' cannot change: {names} {(past.Count == 1 ? "is" : "are")} already scheduled or sent with '{was}'");
        }
        Keep("audience", saved.Audience, document.Audience);
        if (before is not null)
        {
            Keep("sender", Describe(before.Sender), Describe(document.Sender));
            Keep("template", before.Template, document.Template);
        }
        foreach (var mailing in past.Where(m => document.Mailings.All(p => p.Slug != m.Slug)))
            diagnostics.Error(document.Source.Name, LineOf(document.Source, "mailings"), 1,
                $"'mailings' must keep {mailing.Slug}.md: it is {mailing.State.ToString().ToLowerInvariant()}");
        diagnostics.ThrowIfErrors($"campaigns/{document.Slug}");
    }

    private static string Describe(SenderIdentity sender) => $"{sender.FromName} <{sender.FromAddress}>{(sender.ReplyTo is { } reply ? ", reply to " + reply : "")}";

    // The line of a top-level key, or the first line when it is not written (a default).
    private static int LineOf(SourceText source, string key)
    {
        for (var i = 0; i < source.Lines.Count; i++)
            if (source.Lines[i].StartsWith(key + ":", StringComparison.Ordinal)) return i + 1;
        return 1;
    }

    private TemplateEngine Engine(Diagnostics diagnostics)
    {
        var (folder, display) = options.Value.ResolveTemplates(Environment.CurrentDirectory);
        var engine = new TemplateEngine(TemplateSet.Load(folder, display, diagnostics), time);
        diagnostics.ThrowIfErrors("The templates");
        return engine;
    }
}
