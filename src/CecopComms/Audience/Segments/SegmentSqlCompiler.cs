using System.Text;
using System.Text.RegularExpressions;
using Dapper;

namespace CecopComms.Audience.Segments;

/// <summary>
/// Turns a <see cref="SegmentFilter"/> into SQL: each condition picks its where-* fragment from segments.sql, the
/// fragment's @value and @key become numbered parameters, and the result fills the /*filter*/ mark of a segment
/// query. Values only ever travel as parameters.
/// </summary>
public sealed partial class SegmentSqlCompiler(SegmentQueries queries)
{
    public const string FilterMark = "/*filter*/";

    [GeneratedRegex(@"@(value|key)\b")]
    private static partial Regex Placeholder();

    /// <summary>A segment query with its filter in place, and the parameters it needs.</summary>
    public (string Sql, DynamicParameters Parameters) Compile(string query, SegmentFilter filter)
    {
        var parameters = new DynamicParameters();
        var where = new StringBuilder();
        for (var i = 0; i < filter.All.Count; i++)
        {
            var condition = filter.All[i];
            var fragment = Fragment(condition);
            if (condition.Key is not null) parameters.Add($"k{i}", condition.Key);
            var alternatives = condition.Values.Select((value, j) =>
            {
                parameters.Add($"v{i}_{j}", value);
                return "(" + Placeholder().Replace(fragment, m => m.Groups[1].Value == "key" ? $"@k{i}" : $"@v{i}_{j}") + ")";
            });
            var any = string.Join(" OR ", alternatives);
            where.Append(condition.Operator == "!=" ? $" AND NOT coalesce(({any}), false)" : $" AND ({any})");
        }
        if (!query.Contains(FilterMark, StringComparison.Ordinal))
            throw new InvalidOperationException($"A segment query has no {FilterMark} mark.");
        return (query.Replace(FilterMark, where.ToString(), StringComparison.Ordinal), parameters);
    }

    private string Fragment(SegmentCondition condition) => (condition.Field, condition.Operator) switch
    {
        ("country", _) => queries.WhereCountry,
        ("language", _) => queries.WhereLanguage,
        ("category", _) => queries.WhereCategory,
        ("organisation", _) => queries.WhereOrganisation,
        ("list", _) => queries.WhereList,
        ("status", _) => queries.WhereStatus,
        ("attr", "~") => queries.WhereAttributeContains,
        ("attr", _) => queries.WhereAttributeEquals,
        _ => throw new AudienceException($"A segment cannot filter on '{condition.Field}'."),
    };
}
