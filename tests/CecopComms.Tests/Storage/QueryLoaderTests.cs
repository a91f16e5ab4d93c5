using CecopComms.Storage;

namespace CecopComms.Tests.Storage;

public sealed class QueryLoaderTests
{
    [Fact]
    public void Parse_splits_a_file_into_named_queries_keeping_their_bodies()
    {
        var queries = QueryLoader.Parse("""
            -- Header comment before any query is ignored.
            -- name: get-list
            SELECT * FROM lists
            WHERE slug = $slug;

            -- name: count-lists
            SELECT COUNT(*) FROM lists;
            """);

        Assert.Equal(["get-list", "count-lists"], queries.Keys);
        Assert.Equal("SELECT * FROM lists\nWHERE slug = $slug;", queries["get-list"].ReplaceLineEndings("\n"));
        Assert.Equal("SELECT COUNT(*) FROM lists;", queries["count-lists"]);
    }

    [Fact]
    public void Parse_refuses_a_name_defined_twice()
    {
        var error = Assert.Throws<InvalidOperationException>(() => QueryLoader.Parse("-- name: a\nSELECT 1;\n-- name: a\nSELECT 2;"));
        Assert.Contains("'a'", error.Message);
    }

    [Fact]
    public void Load_fails_at_once_naming_the_file_when_it_is_not_embedded()
    {
        var error = Assert.Throws<InvalidOperationException>(() => QueryLoader.Load<NoQueries>("sqlite", "no-such-file"));
        Assert.Contains("Storage/Sql/sqlite/no-such-file.sql", error.Message);
    }

    private sealed class NoQueries
    {
        public string Anything { get; set; } = "";
    }
}
