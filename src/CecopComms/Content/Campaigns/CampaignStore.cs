using System.Text.Json;
using CecopComms.Storage;
using CecopComms.Hosting;

namespace CecopComms.Content.Campaigns;

/// <summary>Campaigns and their planned mailings: saved from their folder, listed, moved through their states.</summary>
public sealed class CampaignStore(Database database, TimeProvider time)
{
    private readonly CampaignQueries _queries = QueryLoader.Load<CampaignQueries>(database.Dialect, "campaigns");

    /// <summary>
    /// Saves the campaign and its mailings; a mailing past draft keeps what it was scheduled with, and a draft the
    /// campaign no longer plans is removed.
    /// </summary>
    public async Task<Campaign> SaveAsync(CampaignFolder folder, IReadOnlyDictionary<string, string> titles, CancellationToken cancellationToken)
    {
        var document = folder.Document;
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, new Dapper.CommandDefinition(_queries.UpsertCampaign, new
        {
            document.Slug, document.Hashtag, document.Name,
            StartsOn = document.Starts.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            EndsOn = document.Ends.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            document.Audience, Source = document.Source.Text, Now = now,
        }, transaction, cancellationToken: cancellationToken));
        foreach (var planned in document.Mailings)
            await Dapper.SqlMapper.ExecuteAsync(connection, new Dapper.CommandDefinition(_queries.UpsertCampaignMailing, new
            {
                CampaignId = id, planned.Slug, Title = titles[planned.Slug], planned.PlannedAt,
                Files = JsonSerializer.Serialize(folder.Files[planned.Slug]), Now = now,
            }, transaction, cancellationToken: cancellationToken));
        await Dapper.SqlMapper.ExecuteAsync(connection, new Dapper.CommandDefinition(_queries.DeleteUnplannedDrafts,
            new { CampaignId = id, Slugs = document.Mailings.Select(m => m.Slug).ToArray() }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(document.Slug, cancellationToken);
    }

    /// <exception cref="ContentNotFoundException">There is no such campaign.</exception>
    public async Task<Campaign> GetAsync(string slug, CancellationToken cancellationToken) =>
        await FindAsync(slug, cancellationToken)
        ?? throw new ContentNotFoundException($"There is no campaign '{slug}'.").WithCliHint($"Load it with `cecop campaigns load campaigns/{slug}`.");

    /// <summary>The campaign with this slug, or null.</summary>
    public Task<Campaign?> FindAsync(string slug, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<Campaign>(_queries.GetCampaign, new { Slug = slug }, cancellationToken);

    public Task<IReadOnlyList<Campaign>> ListAsync(CancellationToken cancellationToken) =>
        database.QueryListAsync<Campaign>(_queries.ListCampaigns, null, cancellationToken);

    public Task<IReadOnlyList<CampaignMailing>> MailingsAsync(Campaign campaign, CancellationToken cancellationToken) =>
        database.QueryListAsync<CampaignMailing>(_queries.ListCampaignMailings, new { CampaignId = campaign.Id }, cancellationToken);

    /// <exception cref="ContentNotFoundException">There is no campaign mailing with this id.</exception>
    public async Task<CampaignMailing> GetMailingAsync(long id, CancellationToken cancellationToken) =>
        await database.QuerySingleOrDefaultAsync<CampaignMailing>(_queries.GetCampaignMailing, new { Id = id }, cancellationToken)
        ?? throw new ContentNotFoundException($"There is no campaign mailing {id}.").WithCliHint("`cecop campaigns show SLUG` lists them.");

    public async Task SetStateAsync(long mailingId, ContentState state, CancellationToken cancellationToken)
    {
        await GetMailingAsync(mailingId, cancellationToken);
        await database.ExecuteScalarAsync<long>(_queries.SetCampaignMailingState,
            new { Id = mailingId, State = state.ToString().ToLowerInvariant(), Now = time.GetUtcNow() }, cancellationToken);
    }
}
