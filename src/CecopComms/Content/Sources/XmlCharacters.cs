using System.Text;
using System.Xml;

namespace CecopComms.Content.Sources;

/// <summary>
/// The characters XML 1.0 cannot carry: C0 control characters other than tab, line feed and carriage return, lone
/// surrogates, U+FFFE and U+FFFF. Text that reaches the Atom feed, a web page or a mail header must hold none of them:
/// one such character in a subject makes a whole feed unreadable.
/// </summary>
public static class XmlCharacters
{
    /// <summary>The index of the first character XML cannot carry, or -1.</summary>
    public static int IndexOfForbidden(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) continue;
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) { i++; continue; }
            return i;
        }
        return -1;
    }

    /// <summary>The text without the characters XML cannot carry (text stored before they were refused).</summary>
    public static string Strip(string text)
    {
        var first = IndexOfForbidden(text);
        if (first < 0) return text;
        var clean = new StringBuilder(text.Length).Append(text, 0, first);
        for (var i = first + 1; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) clean.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) clean.Append(text, i++, 2);
        }
        return clean.ToString();
    }

    /// <summary>"U+0001": how a problem names a character the author cannot see.</summary>
    public static string Name(char character) => $"U+{(int)character:X4}";
}
