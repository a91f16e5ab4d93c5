using System.Buffers;
using System.Text;
using Scriban;
using Scriban.Parsing;

namespace CecopComms.Content.Rendering;

/// <summary>
/// The context HTML templates render through: every <c>{{ expression }}</c> is HTML-escaped (&amp; &lt; &gt; " ')
/// unless it is <see cref="TrustedHtml"/>. Scriban has no auto-escape switch, and templates get no <c>raw</c>, so no
/// template can print markup from data. The template's own text is written as is.
/// </summary>
public sealed class HtmlTemplateContext(Scriban.Runtime.ScriptObject builtins) : TemplateContext(builtins)
{
    private static readonly SearchValues<char> Special = SearchValues.Create("&<>\"'");

    public override TemplateContext Write(SourceSpan span, object? textAsObject) => textAsObject switch
    {
        null => this,
        TrustedHtml trusted => Write(trusted.Html),
        _ => Write(Escape(ObjectToString(textAsObject, false) ?? "")),
    };

    /// <summary>The text with &amp; &lt; &gt; " ' as character references; the text itself when it has none.</summary>
    public static string Escape(string text)
    {
        if (!text.AsSpan().ContainsAny(Special)) return text;
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '"': escaped.Append("&quot;"); break;
                case '\'': escaped.Append("&#39;"); break;
                default: escaped.Append(ch); break;
            }
        }
        return escaped.ToString();
    }
}
