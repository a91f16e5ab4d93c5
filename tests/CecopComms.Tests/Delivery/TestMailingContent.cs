using System.Collections.Concurrent;
using CecopComms.Content;

namespace CecopComms.Tests.Delivery;

/// <summary>
/// TEST SEAM: an IMailingContent of our own — every edition id compiles to a <see cref="TestCompiledMailing"/> for
/// <see cref="Audience"/> — recording the states delivery reports. Delivery tests use it until the content engine lands.
/// </summary>
internal sealed class TestMailingContent(string audience = "list:external-newsletter", int paddingBytes = 0) : IMailingContent
{
    public string Audience { get; } = audience;

    public ConcurrentQueue<(MailingSource Source, ContentState State)> States { get; } = new();

    public Dictionary<string, IReadOnlyList<PlannedMailing>> Plans { get; } = [];

    /// <summary>When set, compiling fails with this reason, as content edited into an invalid state would.</summary>
    public string? Invalid { get; set; }

    public Task<ICompiledMailing> CompileAsync(MailingSource source, CancellationToken cancellationToken) =>
        Invalid is { } reason
            ? throw new ContentValidationException(reason)
            : Task.FromResult<ICompiledMailing>(new TestCompiledMailing(source, Audience, paddingBytes));

    public Task SetStateAsync(MailingSource source, ContentState state, CancellationToken cancellationToken)
    {
        States.Enqueue((source, state));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PlannedMailing>> CampaignPlanAsync(string campaignSlug, CancellationToken cancellationToken) =>
        Plans.TryGetValue(campaignSlug, out var plan) ? Task.FromResult(plan) : throw new KeyNotFoundException($"No campaign {campaignSlug}.");
}
