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

        Assert.Equal((7L, 3L, 4L), (result.RowsRead, result.Inserted, result.Rejected));
        Assert.Equal(
        [
            "4|Country|the country 'Atlantis' is not a known country name or ISO 3166 code",
            "5|Membership|the category 'honorary' is not one of: full member, associated member or network affiliate",
            "6|Organisation|the organisation 'coceta' is already on line 3 of this file",
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
            await bed.QueryAsync<string>("SELECT name || '|' || category || '|' || ifnull(website, '') FROM organisations WHERE updated_at > created_at ORDER BY 1"));
    }
}
