using CecopComms.Hosting;
using System.Text.RegularExpressions;

namespace CecopComms.Audience.Segments;

/// <summary>
/// Reads the --where syntax: FIELD=VALUE, FIELD!=VALUE, attr:NAME=VALUE, attr:NAME~TEXT. A comma between values means
/// "any of" (country=IT,ES); several conditions must all hold.
/// </summary>
public static partial class SegmentFilterParser
{
    /// <summary>For --help.</summary>
    public const string Syntax =
        """
        Each --where is one condition; a subscriber is in the segment when all of them hold.
          FIELD=V1,V2     the field is one of the values      FIELD!=V1,V2    it is none of them
          attr:NAME=V     attribute NAME equals V (any case)  attr:NAME~TEXT  attribute NAME contains TEXT
        Fields: country (of the subscriber's organisation: IT, Italy), language (it also matches it-CH),
          category (full, associated, affiliate), organisation (name or id), list (confirmed on that list slug),
          status (active, unsubscribed, bounced, blocklisted).
        Example: --where "country=IT,ES" --where "category=full" --where "attr:sector~care"
        """;

    private static readonly string[] Fields = ["country", "language", "category", "organisation", "list", "status"];

    [GeneratedRegex(@"^\s*(?:attr:(?<key>[\p{L}\p{N}_\-. ]+?)|(?<field>[a-z]+))\s*(?<op>!=|=|~)\s*(?<value>.*?)\s*$")]
    private static partial Regex Condition();

    /// <exception cref="AudienceException">A condition cannot be read: one sentence, with the --where syntax as its command-line hint.</exception>
    public static SegmentFilter Parse(IEnumerable<string> conditions)
    {
        var parsed = conditions.Select(ParseOne).ToList();
        if (parsed.Count == 0) throw new AudienceException("A segment needs at least one condition.").WithCliHint("Give it with --where.\n" + Syntax);
        return new SegmentFilter(parsed);
    }

    private static SegmentCondition ParseOne(string text)
    {
        var match = Condition().Match(text);
        if (!match.Success) throw new AudienceException($"'{text}' is not a condition: write a field, an operator (=, != or ~) and a value, such as country=IT.").WithCliHint("\n" + Syntax);
        var op = match.Groups["op"].Value;
        var values = match.Groups["value"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (values.Length == 0) throw new AudienceException($"'{text}' has no value after '{op}'.");
        if (match.Groups["key"].Success)
            return new SegmentCondition("attr", op, values, match.Groups["key"].Value.Trim());

        var field = match.Groups["field"].Value;
        if (!Fields.Contains(field))
            throw new AudienceException($"'{field}' is not a field a segment can filter on: use {string.Join(", ", Fields)} or attr:NAME.");
        if (op == "~") throw new AudienceException($"'~' (contains) works on attributes only; use '=' for {field}.");
        return new SegmentCondition(field, op, values.Select(v => Normalise(field, v)).ToList());
    }

    private static string Normalise(string field, string value) => field switch
    {
        "country" => Countries.TryNormalise(value, out var code) ? code! : throw new AudienceException($"'{value}' is not a country: give an ISO 3166 code such as IT."),
        "category" => MemberCategories.TryParse(value, out var category) ? category.ToDb() : throw new AudienceException($"'{value}' is not a member category: use {MemberCategories.Accepted}."),
        "status" => Enum.TryParse<SubscriberStatus>(value, ignoreCase: true, out var status) && !int.TryParse(value, out _)
            ? status.ToString().ToLowerInvariant()
            : throw new AudienceException($"'{value}' is not a subscriber status: use active, unsubscribed, bounced or blocklisted."),
        "language" => Languages.TryNormalise(value, out var tag) ? tag!.ToLowerInvariant() : throw new AudienceException($"'{value}' is not a language tag: give a BCP 47 tag such as it or pt-BR."),
        "organisation" => Organisation.KeyOf(value),
        _ => value,
    };
}
