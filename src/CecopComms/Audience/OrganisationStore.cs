using System.Data.Common;
using CecopComms.Storage;
using Dapper;

namespace CecopComms.Audience;

/// <summary>Member organisations: add, find by id or name, list.</summary>
public sealed class OrganisationStore(Database database, TimeProvider time)
{
    private readonly OrganisationQueries _queries = QueryLoader.Load<OrganisationQueries>(database.Dialect, "organisations");

    /// <exception cref="AudienceException">A value is not valid, or an organisation of that name exists.</exception>
    public async Task<Organisation> AddAsync(string name, string country, string category, string? website, CancellationToken cancellationToken)
    {
        (name, var code, var memberCategory) = Check(name, country, category, website);

        await using var connection = await database.OpenAsync(cancellationToken);
        // The lookup also matches ids: only a same-named organisation is a duplicate.
        if (await FindAsync(connection, name, cancellationToken) is { } existing && Organisation.KeyOf(existing.Name) == Organisation.KeyOf(name))
            throw new AudienceException($"An organisation called {existing.Name} already exists (id {existing.Id}).");
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(_queries.InsertOrganisation, new
        {
            Name = name,
            NameKey = Organisation.KeyOf(name),
            Country = code,
            Category = memberCategory.ToDb(),
            Website = string.IsNullOrWhiteSpace(website) ? null : website.Trim(),
            Now = time.GetUtcNow(),
        }, cancellationToken: cancellationToken));
        return (await connection.QuerySingleOrDefaultAsync<Organisation>(new CommandDefinition(_queries.OrganisationById, new { Id = id },
            cancellationToken: cancellationToken)))!;
    }

    /// <summary>Changes an organisation's name, country, category and website, checked as <see cref="AddAsync"/> checks them.</summary>
    /// <exception cref="AudienceException">No organisation has this id, a value is not valid, or another organisation has the name.</exception>
    public async Task<Organisation> UpdateAsync(long id, string name, string country, string category, string? website, CancellationToken cancellationToken)
    {
        (name, var code, var memberCategory) = Check(name, country, category, website);
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await FindAsync(connection, name, cancellationToken) is { } other && other.Id != id && Organisation.KeyOf(other.Name) == Organisation.KeyOf(name))
            throw new AudienceException($"An organisation called {other.Name} already exists (id {other.Id}).");
        var changed = await connection.ExecuteAsync(new CommandDefinition(_queries.UpdateOrganisation, new
        {
            Id = id,
            Name = name,
            NameKey = Organisation.KeyOf(name),
            Country = code,
            Category = memberCategory.ToDb(),
            Website = string.IsNullOrWhiteSpace(website) ? null : website.Trim(),
            Now = time.GetUtcNow(),
        }, cancellationToken: cancellationToken));
        if (changed == 0) throw NotFound(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return (await connection.QuerySingleOrDefaultAsync<Organisation>(new CommandDefinition(_queries.OrganisationById, new { Id = id },
            cancellationToken: cancellationToken)))!;
    }

    /// <summary>The organisation with this id, or null.</summary>
    public async Task<Organisation?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Organisation>(new CommandDefinition(_queries.OrganisationById, new { Id = id },
            cancellationToken: cancellationToken));
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
        string? code = null;
        if (country is not null && !Countries.TryNormalise(country, out code))
            throw new AudienceException($"'{country}' is not a country: give an ISO 3166 code such as IT or its English name.");
        return await database.QueryListAsync<Organisation>(_queries.ListOrganisations, new { Country = code, Category = category?.ToDb() }, cancellationToken);
    }

    internal Task<Organisation?> FindAsync(DbConnection connection, string idOrName, CancellationToken cancellationToken, DbTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<Organisation>(new CommandDefinition(_queries.FindOrganisation,
            new { Key = idOrName.Trim(), NameKey = Organisation.KeyOf(idOrName) }, transaction, cancellationToken: cancellationToken));

    private static (string Name, string Country, MemberCategory Category) Check(string name, string country, string category, string? website)
    {
        name = name.Trim();
        if (name.Length == 0) throw new AudienceException("An organisation needs a name.");
        if (!Countries.TryNormalise(country, out var code))
            throw new AudienceException($"'{country}' is not a country: give an ISO 3166 code such as IT or its English name.");
        if (!MemberCategories.TryParse(category, out var memberCategory))
            throw new AudienceException($"'{category}' is not a member category: use {MemberCategories.Accepted}.");
        if (!string.IsNullOrWhiteSpace(website) && !(Uri.TryCreate(website.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            throw new AudienceException($"'{website}' is not a website address: give it as https://….");
        return (name, code!, memberCategory);
    }

    internal static AudienceException NotFound(string idOrName) =>
        new($"No organisation is called or numbered '{idOrName}'; `cecop orgs list` shows them.");
}
