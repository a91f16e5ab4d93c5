using System.Collections;
using System.Globalization;
using System.Reflection;
using Scriban.Runtime;

namespace CecopComms.Content.Rendering;

/// <summary>
/// Copies a template's values into Scriban's own data (ScriptObject, ScriptArray, strings, numbers, dates) so that no
/// .NET object is in a template's reach: Scriban lets a template set the public properties of any object it sees.
/// </summary>
public static class ScriptModel
{
    public static ScriptObject From(IEnumerable<KeyValuePair<string, object?>> values)
    {
        var model = new ScriptObject(StringComparer.Ordinal);
        foreach (var (name, value) in values) model[name] = Value(value);
        return model;
    }

    /// <summary>The public properties of a plain record or anonymous object, copied (not the object itself).</summary>
    public static ScriptObject FromProperties(object values) => values is IEnumerable<KeyValuePair<string, object?>> pairs
        ? From(pairs)
        : From(values.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0)
            .Select(p => KeyValuePair.Create(p.Name, p.GetValue(values))));

    private static object? Value(object? value) => value switch
    {
        null or string or bool or int or long or double or decimal or TrustedHtml or DateTime => value,
        DateOnly date => date.ToDateTime(TimeOnly.MinValue),
        DateTimeOffset time => time.UtcDateTime,
        IEnumerable<KeyValuePair<string, object?>> pairs => From(pairs),
        IEnumerable items => Array(items),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static ScriptArray Array(IEnumerable items)
    {
        var array = new ScriptArray();
        foreach (var item in items) array.Add(Value(item));
        return array;
    }
}
