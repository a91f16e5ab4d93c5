namespace CecopComms.Content;

/// <summary>What delivery and scheduling need from content: compiled mailings, their state, campaign plans.</summary>
public interface IMailingContent
{
    /// <summary>Validates and compiles an edition or campaign mailing.</summary>
    /// <exception cref="ContentValidationException">It is not valid; the message lists each problem with file:line:column.</exception>
    /// <exception cref="KeyNotFoundException">No such edition or campaign mailing.</exception>
    Task<ICompiledMailing> CompileAsync(MailingSource source, CancellationToken cancellationToken);

    /// <summary>Records the state of the edition or campaign mailing (scheduled, sending, sent, cancelled).</summary>
    Task SetStateAsync(MailingSource source, ContentState state, CancellationToken cancellationToken);

    /// <summary>The planned mailings of a campaign, in date order.</summary>
    /// <exception cref="KeyNotFoundException">No such campaign.</exception>
    Task<IReadOnlyList<PlannedMailing>> CampaignPlanAsync(string campaignSlug, CancellationToken cancellationToken);
}
