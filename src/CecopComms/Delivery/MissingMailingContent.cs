using CecopComms.Content;

namespace CecopComms.Delivery;

/// <summary>Stands in for the content engine when none is registered, so delivery commands say so instead of failing to start.</summary>
internal sealed class MissingMailingContent : IMailingContent
{
    private static MailingException Missing() => new("Editions and campaigns are not available in this build: the content engine is not registered.");

    public Task<ICompiledMailing> CompileAsync(MailingSource source, CancellationToken cancellationToken) => throw Missing();

    public Task SetStateAsync(MailingSource source, ContentState state, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<PlannedMailing>> CampaignPlanAsync(string campaignSlug, CancellationToken cancellationToken) => throw Missing();
}
