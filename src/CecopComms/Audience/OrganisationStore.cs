using System.Data.Common;
using CecopComms.Storage;
using Dapper;

namespace CecopComms.Audience;

/// <summary>Member organisations: add, change, delete, find by id or name, list.</summary>
public sealed class OrganisationStore(Database database, TimeProvider time)
{
    private readonly OrganisationQueries _queries = QueryLoader.Load<OrganisationQueries>(database.Dialect, "organisations");

    /// <exception cref="AudienceException">A value is not valid, or an organisation of that name exists.</exception>
    public async Task<Organisation> AddAsync(string name, string country, string category, string? website, CancellationToken cancellationToken)
    {
        var values = Check(name, country, category, website);
        await using var connection = await database.OpenAsync(cancellationToken);
        await RefuseTakenNameAsync(connection, values.Name, null, cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(_queries.InsertOrganisation, Parameters(values, null),
            cancellationToken: cancellationToken));
        return (await ByIdAsync(connection, id, cancellationToken))!;
    }

    /// <summary>Changes an organisation's name, country, category and website, checked as <see cref="AddAsync"/> checks them.</summary>
    /// <exception cref="AudienceException">No organisation has this id, a value is not valid, or another organisation has the name.</exception>
    public async Task<Organisation> UpdateAsync(long id, string name, string country, string category, string? website, CancellationToken cancellationToken)
    {
        var values = Check(name, country, category, website);
        await using var connection = await database.OpenAsync(cancellationToken);
        await RefuseTakenNameAsync(connection, values.Name, id, cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(_queries.UpdateOrganisation, Parameters(values, id), cancellationToken: cancellationToken));
        if (changed == 0) throw NotFound(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return (await ByIdAsync(connection, id, cancellationToken))!;
    }

    /// <summary>
    /// Deletes an organisation. Its contact persons stay subscribers, with no organisation: members-only lists no longer
    /// reach them. Returns the organisation as it was, and how many contacts were unlinked.
    /// </summary>
    /// <exception cref="AudienceException">No organisation has this id.</exception>
    public async Task<(Organisation Organisation, int Unlinked)> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var organisation = await connection.QuerySingleOrDefaultAsync<Organisation>(new CommandDefinition(_queries.OrganisationById, new { Id = id }, transaction,
            cancellationToken: cancellationToken)) ?? throw NotFound(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var unlinked = await connection.ExecuteAsync(new CommandDefinition(_queries.UnlinkContacts, new { Id = id, Now = time.GetUtcNow() }, transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(_queries.DeleteOrganisation, new { Id = id }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (organisation, unlinked);
    }

    /// <summary>The organisation with this id, or null.</summary>
    public async Task<Organisation?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ByIdAsync(connection, id, cancellationToken);
    }

    /// <summary>The organisation with this name (case-insensitive) or id, or null; a name that is also another's id means the named one.</summary>
    public async Task<Organisation?> FindAsync(string idOrName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, idOrName, cancellationToken);
    }

    /// <exception cref="AudienceException">No organisation has this id or name.</exception>
    public async Task<Organisation> GetAsync(string idOrName, CancellationToken cancellationToken) =>
        await FindAsync(idOrName, cancellationToken) ?? throw NotFound(idOrName);

    /// <summary>Organisations by name, optionally only those of one country or category.</summary>
    public async Task<IReadOnlyList<Organisation>> ListAsync(string? country, MemberCategory? category, CancellationToken cancellationToken)
    {
        var code = country is null ? null : CountryCode(country);
        return await database.QueryListAsync<Organisation>(_queries.ListOrganisations, new { Country = code, Category = category?.ToDb() }, cancellationToken);
    }

    internal Task<Organisation?> FindAsync(DbConnection connection, string idOrName, CancellationToken cancellationToken, DbTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<Organisation>(new CommandDefinition(_queries.FindOrganisation,
            new { Key = idOrName.Trim(), NameKey = Organisation.KeyOf(idOrName) }, transaction, cancellationToken: cancellationToken));

    private Task<Organisation?> ByIdAsync(DbConnection connection, long id, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<Organisation>(new CommandDefinition(_queries.OrganisationById, new { Id = id }, cancellationToken: cancellationToken));

    /// <summary>Refuses a name another organisation has. The lookup also matches ids: only a same-named organisation counts.</summary>
    private async Task RefuseTakenNameAsync(DbConnection connection, string name, long? self, CancellationToken cancellationToken)
    {
        if (await FindAsync(connection, name, cancellationToken) is { } other && other.Id != self && Organisation.KeyOf(other.Name) == Organisation.KeyOf(name))
            throw new AudienceException($"An organisation called {other.Name} already exists (id {other.Id}).");
    }

    private object Parameters(OrganisationValues values, long? id) => new
    {
        Id = id,
        values.Name,
        NameKey = Organisation.KeyOf(values.Name),
        values.Country,
        Category = values.Category.ToDb(),
        values.Website,
        Now = time.GetUtcNow(),
    };

    private sealed record OrganisationValues(string Name, string Country, MemberCategory Category, string? Website);

    private static OrganisationValues Check(string name, string country, string category, string? website)
    {
        name = name.Trim();
        if (name.Length == 0) throw new AudienceException("An organisation needs a name.");
        var code = CountryCode(country);
        if (!MemberCategories.TryParse(category, out var memberCategory))
            throw new AudienceException($"'{category}' is not a member category: use {MemberCategories.Accepted}.");
        if (!string.IsNullOrWhiteSpace(website) && !(Uri.TryCreate(website.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            throw new AudienceException($"'{website}' is not a website address: give it as https://….");
        return new OrganisationValues(name, code, memberCategory, string.IsNullOrWhiteSpace(website) ? null : website.Trim());
    }

    private static string CountryCode(string country) => Countries.TryNormalise(country, out var code)
        ? code!
        : throw new AudienceException($"'{country}' is not a country: give an ISO 3166 code such as IT or its English name.");

    internal static AudienceException NotFound(string idOrName) =>
        new($"No organisation is called or numbered '{idOrName}'; the list of organisations shows every name and number.");
}
