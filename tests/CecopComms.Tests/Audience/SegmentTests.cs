using System.Text.Json.Nodes;
using CecopComms.Audience;
using CecopComms.Audience.Segments;
using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Audience;

public sealed class SegmentTests : IAsyncLifetime
{
    private AudienceStores _stores = null!;

    public async Task InitializeAsync()
    {
        _stores = await AudienceStores.CreateAsync();
        var ct = CancellationToken.None;
        await _stores.Organisations.AddAsync("Legacoop Produzione e Servizi", "IT", "full", null, ct);
        await _stores.Organisations.AddAsync("Confcooperative Lavoro e Servizi", "Italy", "full", null, ct);
        await _stores.Organisations.AddAsync("COCETA", "ES", "associated", null, ct);
        await _stores.Organisations.AddAsync("Coopératives Europe Network", "BE", "affiliate", null, ct);
        await Add("marco@legacoop.example", "it", "Legacoop Produzione e Servizi", new JsonObject { ["sector"] = "social care, education" }, "cecop-link");
        await Add("giulia@confcoop.example", "it-CH", "Confcooperative Lavoro e Servizi", new JsonObject { ["sector"] = "industry", ["board"] = true }, "cecop-link");
        await Add("lucia@coceta.example", "es", "COCETA", new JsonObject { ["sector"] = "Care" }, "cecop-link");
        await Add("anne@network.example", "fr", "Coopératives Europe Network", new JsonObject(), null);
        await Add("public@example.org", "en", null, new JsonObject { ["sector"] = "O'Brien's care" }, null);
    }

    public Task DisposeAsync()
    {
        _stores.Dispose();
        return Task.CompletedTask;
    }

    private Task Add(string email, string language, string? organisation, JsonObject attributes, string? list) =>
        _stores.Subscribers.AddAsync(new NewSubscriber(email, "", language, organisation, attributes), list is null ? [] : [list], false, null, CancellationToken.None);

    private async Task<long> Count(params string[] where) =>
        await _stores.Segments.CountAsync(SegmentFilterParser.Parse(where), CancellationToken.None);

    [Theory]
    [InlineData(2, "country=IT")]
    [InlineData(2, "country=Italy")]
    [InlineData(3, "country=IT,ES")]
    [InlineData(3, "country!=IT")]          // no organisation counts as "not Italy"
    [InlineData(2, "language=it")]          // it and it-CH
    [InlineData(1, "language=it-CH")]
    [InlineData(2, "category=full")]
    [InlineData(1, "category=network affiliate")]
    [InlineData(1, "organisation=coceta")]
    [InlineData(3, "list=cecop-link")]
    [InlineData(5, "status=active")]
    [InlineData(0, "status=bounced")]
    [InlineData(3, "attr:sector~care")]    // contains, any case
    [InlineData(1, "attr:sector=INDUSTRY")]
    [InlineData(1, "attr:board=true")]
    [InlineData(1, "country=IT", "attr:sector~care")]
    [InlineData(1, "category=full", "language=it", "attr:sector!=industry")]
    public async Task A_filter_counts_the_subscribers_it_describes(long expected, params string[] where) =>
        Assert.Equal(expected, await Count(where));

    [Theory]
    [InlineData("attr:sector=x' OR '1'='1")]
    [InlineData("country=IT') OR 1=1 --")]
    public async Task Values_travel_as_parameters_never_as_sql(string where)
    {
        if (where.StartsWith("country", StringComparison.Ordinal))
        {
            await Assert.ThrowsAsync<AudienceException>(() => Count(where));
            return;
        }
        Assert.Equal(0, await Count(where));
        Assert.Equal(1, await Count("attr:sector~O'Brien"));
    }

    [Fact]
    public async Task A_saved_segment_round_trips_as_json_and_resolves_like_a_list()
    {
        var saved = await _stores.Segments.CreateAsync("italy-members", "Italian members", SegmentFilterParser.Parse(["country=IT", "list=cecop-link"]), CancellationToken.None);

        var filter = SegmentFilter.FromJson(saved.Filter);
        Assert.Equal("country=IT and list=cecop-link", filter.ToString());
        var audience = await _stores.Resolver.ResolveAsync("segment:italy-members", CancellationToken.None);
        var bare = await _stores.Resolver.ResolveAsync("italy-members", CancellationToken.None);
        Assert.Equal(("segment", "italy-members"), (bare.Kind, bare.Slug));
        var recipients = await _stores.Resolver.RecipientsAsync(audience, CancellationToken.None);
        Assert.Equal(["marco@legacoop.example", "giulia@confcoop.example"], recipients.Select(r => r.Email));
    }

    [Fact]
    public async Task The_resolver_takes_lists_and_refuses_unknown_or_ambiguous_references()
    {
        var list = await _stores.Resolver.ResolveAsync("list:cecop-link", CancellationToken.None);
        Assert.True(list.MembersOnly);
        Assert.Equal(3, (await _stores.Resolver.RecipientsAsync(list, CancellationToken.None)).Count);

        await _stores.Segments.CreateAsync("cecop-link", "Same slug as the list", SegmentFilterParser.Parse(["country=ES"]), CancellationToken.None);
        var ambiguous = await Assert.ThrowsAsync<AudienceException>(() => _stores.Resolver.ResolveAsync("cecop-link", CancellationToken.None));
        Assert.Contains("both a list and a segment", ambiguous.Message);
        await Assert.ThrowsAsync<AudienceException>(() => _stores.Resolver.ResolveAsync("nothing", CancellationToken.None));
        await Assert.ThrowsAsync<AudienceException>(() => _stores.Resolver.ResolveAsync("campaign:x", CancellationToken.None));
    }

    [Fact]
    public async Task A_segment_naming_an_unknown_list_is_refused()
    {
        var refusal = await Assert.ThrowsAsync<AudienceException>(() =>
            _stores.Segments.CreateAsync("x", "X", SegmentFilterParser.Parse(["list=newsletter"]), CancellationToken.None));
        Assert.Contains("no list 'newsletter'", refusal.Message);
    }

    [Theory]
    [InlineData("city=Rome", "'city' is not a field")]
    [InlineData("country~IT", "attributes only")]
    [InlineData("country=Atlantis", "not a country")]
    [InlineData("category=gold", "not a member category")]
    [InlineData("language=", "no value")]
    [InlineData("nonsense", "not a condition")]
    public void A_condition_that_cannot_be_read_says_why(string where, string expected)
    {
        var refusal = Assert.Throws<AudienceException>(() => SegmentFilterParser.Parse([where]));
        Assert.Contains(expected, refusal.Message);
        // The sentence is what the web shows: it names no option and holds no syntax table.
        Assert.DoesNotContain("--where", refusal.Message);
        Assert.DoesNotContain('\n', refusal.Message);
    }

    [Fact]
    public void The_where_syntax_comes_only_with_the_command_line_s_hint()
    {
        var none = Assert.Throws<AudienceException>(() => SegmentFilterParser.Parse([]));
        Assert.Equal("A segment needs at least one condition.", none.Message);
        Assert.Contains("Give it with --where.", CecopComms.Hosting.CliHint.ForCli(none));
        var unreadable = Assert.Throws<AudienceException>(() => SegmentFilterParser.Parse(["nonsense"]));
        Assert.Contains(SegmentFilterParser.Syntax, CecopComms.Hosting.CliHint.ForCli(unreadable));
    }
}
