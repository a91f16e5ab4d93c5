namespace CecopComms.Tests.Import;

public sealed class OrganisationImportTests
{
    [Fact]
    public async Task Imports_organisations_reporting_bad_countries_categories_and_duplicates()
    {
        using var bed = await ImportTestBed.CreateAsync();
        var path = bed.File("members.csv",
            "Organisation;Country;Membership;Web site",
            "Legacoop Produzione e Servizi;Italia;Full member;https://www.legacoopproduzione.coop",
            "COCETA;ES;full;coceta.coop",
            "Spółdzielnia Pracy;Atlantis;associated;",
            "SCOP BTP;FR;honorary;",
            "coceta;ES;full;",
            "Cooperatives Europe Network;Belgium;Network Affiliate;not a site",
            "Suara;es;associated member;");

        var result = await bed.Organisations.ImportAsync(bed.Options(path, null), null, CancellationToken.None);

        Assert.Equal((7L, 3L, 3L, 1L), (result.RowsRead, result.Inserted, result.Rejected, result.Repeated));
        Assert.Equal(
        [
            "4|Country|the country 'Atlantis' is not a known country name or ISO 3166 code",
            "5|Membership|the category 'honorary' is not one of: full member, associated member or network affiliate",
            "7|Web site|the website 'not a site' is not a web address",
        ], bed.Report());
        Assert.Equal(
        [
            "COCETA|coceta|ES|full|https://coceta.coop",
            "Legacoop Produzione e Servizi|legacoop produzione e servizi|IT|full|https://www.legacoopproduzione.coop",
            "Suara|suara|ES|associated|",
        ], (await bed.SnapshotAsync()).Split('\n'));
    }

    [Fact]
    public async Task A_sheet_with_a_row_per_contact_counts_repeated_organisations_apart_and_refuses_only_contradictions()
    {
        using var bed = await ImportTestBed.CreateAsync();
        var path = bed.File("contacts.csv",
            "Organisation,Country,Category,Website,Contact",
            "COCETA,ES,full,coceta.coop,ana@coceta.coop",
            "COCETA,ES,full,,luis@coceta.coop",
            "coceta,ES,full member,https://coceta.coop,eva@coceta.coop",
            "Suara,ES,associated,,marta@suara.coop",
            "COCETA,FR,full,,pierre@coceta.coop",
            "Suara,ES,associated,suara.coop,joan@suara.coop",
            "Suara,ES,honorary,,bad@suara.coop");

        var result = await bed.Organisations.ImportAsync(bed.Options(path, null), null, CancellationToken.None);

        Assert.Equal((7L, 2L, 2L, 3L), (result.RowsRead, result.Inserted, result.Repeated, result.Rejected));
        Assert.Equal(
        [
            "6|Country|the organisation 'COCETA' is on line 2 of this file with country ES, and this row says otherwise",
            "7|Website|the organisation 'Suara' is on line 5 of this file with no website, and this row says otherwise",
            "8|Category|the category 'honorary' is not one of: full member, associated member or network affiliate",
        ], bed.Report());
        Assert.Equal(["COCETA|coceta|ES|full|https://coceta.coop", "Suara|suara|ES|associated|"], (await bed.SnapshotAsync()).Split('\n'));
    }

    [Fact]
    public async Task A_second_import_updates_what_changed_and_leaves_the_rest()
    {
        using var bed = await ImportTestBed.CreateAsync();
        await bed.SeedOrganisationsAsync();
        bed.Clock.Now = bed.Clock.Now.AddDays(1);
        var path = bed.File("members.csv",
            "name,country,category",
            "LEGACOOP PRODUZIONE E SERVIZI,IT,full member",
            "COCETA,ES,associated member",
            "CECOP Test,BE,affiliate");

        var result = await bed.Organisations.ImportAsync(bed.Options(path, null), null, CancellationToken.None);

        Assert.Equal((1L, 2L, 0L), (result.Inserted, result.Updated, result.Unchanged));
        Assert.Equal(["COCETA|associated|", "LEGACOOP PRODUZIONE E SERVIZI|full|https://legacoopproduzione.coop"],
            await bed.QueryAsync<string>("SELECT name || '|' || category || '|' || coalesce(website, '') FROM organisations WHERE updated_at > created_at ORDER BY 1"));
    }
}
