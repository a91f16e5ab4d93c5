using CecopComms.Audience.Import.Csv;

namespace CecopComms.Audience.Import;

/// <summary>Checks an organisation record: a name, a known country, one of the three categories, a web address if any.</summary>
internal sealed class OrganisationRowParser(ColumnLayout layout)
{
    private readonly int _name = layout.IndexOf(OrganisationFields.Name);
    private readonly int _country = layout.IndexOf(OrganisationFields.Country);
    private readonly int _category = layout.IndexOf(OrganisationFields.Category);
    private readonly int _website = layout.IndexOf(OrganisationFields.Website);

    public bool TryParse(CsvRecord record, out OrganisationRow row, out RowError? error)
    {
        row = null!;
        error = null;
        var fields = record.Fields;
        RowError Fail(string field, string reason) => new(record.Line, layout.ColumnOf(field), reason, record.Raw);

        var name = fields[_name].Trim();
        var countryText = fields[_country].Trim();
        var categoryText = fields[_category].Trim();
        var website = _website >= 0 && fields[_website].Trim() is { Length: > 0 } w ? w : null;

        if (name.Length == 0) error = Fail(OrganisationFields.Name, "the organisation name is empty");
        else if (!Countries.TryNormalise(countryText, out var country))
            error = Fail(OrganisationFields.Country, countryText.Length == 0 ? "the country is empty" : $"the country '{countryText}' is not a known country name or ISO 3166 code");
        else if (!MemberCategories.TryParse(categoryText, out var parsedCategory))
            error = Fail(OrganisationFields.Category, $"the category '{categoryText}' is not one of: {MemberCategories.Accepted}");
        else if (website is not null && !TryWebsite(website, out website))
            error = Fail(OrganisationFields.Website, $"the website '{fields[_website].Trim()}' is not a web address");
        else row = new OrganisationRow(record.Line, record.Raw, name, Organisation.KeyOf(name), country!, parsedCategory.ToDb(), website);
        return error is null;
    }

    // "legacoop.coop" is read as https://legacoop.coop; anything that is not then an http(s) address with a dotted host is refused.
    private static bool TryWebsite(string text, out string? website)
    {
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
        var valid = !text.Contains(' ') && Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Contains('.');
        website = valid ? withScheme : null;
        return valid;
    }
}
