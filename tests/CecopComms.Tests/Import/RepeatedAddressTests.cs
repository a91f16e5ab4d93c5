namespace CecopComms.Tests.Import;

/// <summary>
/// A second row for the same address is refused with the line of the first, whichever batch each is in and whatever
/// became of the first: inserted, matched to a stored subscriber, or refused.
/// </summary>
public sealed class RepeatedAddressTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5000)]
    public async Task Names_the_first_line_across_batches_refused_rows_and_multi_line_records(int batchSize)
    {
        using var bed = await ImportTestBed.CreateAsync();
        await bed.ImportSubscribersAsync(bed.File("known.csv", "email,name", "known@example.org,Known"));
        var path = bed.File("people.csv",
            "email,name",
            "a@example.org,A",
            "not an address,Nobody",
            "b@example.org,\"Two",
            "lines\"",
            "known@example.org,Known",
            "c@example.org,C",
            "",
            "d@example.org,D",
            "c@example.org,C again",
            "a@example.org,A again",
            "b@example.org,B again",
            "known@example.org,Known again",
            "d@example.org,D again");

        var result = await bed.ImportSubscribersAsync(path, batchSize: batchSize);

        Assert.Equal((4L, 1L, 6L), (result.Inserted, result.Unchanged, result.Rejected));
        Assert.Equal(
        [
            "10|email|the address c@example.org is already on line 7 of this file",
            "11|email|the address a@example.org is already on line 2 of this file",
            "12|email|the address b@example.org is already on line 4 of this file",
            "13|email|the address known@example.org is already on line 6 of this file",
            "14|email|the address d@example.org is already on line 9 of this file",
        ], bed.Report().Where(r => r.Contains("already", StringComparison.Ordinal)));
        Assert.Equal(["A", "C", "D", "Known", "Two\nlines"], await bed.QueryAsync<string>("SELECT name FROM subscribers ORDER BY name"));
    }

    [Fact]
    public async Task A_refused_row_still_counts_as_the_first_one_in_a_later_batch()
    {
        using var bed = await ImportTestBed.CreateAsync();
        await bed.SeedOrganisationsAsync();
        var path = bed.File("link.csv",
            "email,name,organisation",
            "outsider@example.org,Outsider,",
            "pablo@coceta.example,Pablo,COCETA",
            "outsider@example.org,Outsider,COCETA");

        var result = await bed.ImportSubscribersAsync(path, "cecop-link", batchSize: 1);

        Assert.Equal((1L, 2L), (result.Inserted, result.Rejected));
        Assert.Equal(
        [
            "2|organisation|'cecop-link' is for members only, and neither the row nor the subscriber's record names a member organisation",
            "4|email|the address outsider@example.org is already on line 2 of this file",
        ], bed.Report());
    }
}
