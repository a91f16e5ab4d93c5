using System.Globalization;
using System.Text;

namespace CecopComms.Mail.Mime;

/// <summary>
/// An RFC 5322 address parser (name-addr, addr-spec, groups, comments, quoted local parts) with RFC 6532
/// UTF-8 and IDN domains. Errors come back as values so TryParse costs no exception.
/// </summary>
internal sealed class AddressParser
{
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    private readonly string text;
    private int pos;

    public AddressParser(string text) => this.text = text;

    private bool AtEnd => pos >= text.Length;

    public ParseException? ParseAddrSpecOnly(out string canonical, out int at)
    {
        canonical = "";
        at = 0;
        var error = SkipCfws() ?? ParseAddrSpec(out canonical, out at) ?? SkipCfws();
        return error ?? (AtEnd ? null : Fail($"unexpected '{text[pos]}' after the address"));
    }

    public ParseException? ParseSingleMailbox(out MailboxAddress? mailbox)
    {
        mailbox = null;
        var error = SkipCfws();
        if (error is not null)
            return error;
        if (AtEnd)
            return Fail("the address is empty");
        error = ParseMailbox(out mailbox, allowGroup: false, out _) ?? SkipCfws();
        if (error is not null)
            return error;
        if (!AtEnd)
            return Fail(text[pos] == ',' ? "more than one address" : $"unexpected '{text[pos]}' after the address");
        return null;
    }

    public ParseException? ParseList(InternetAddressList list)
    {
        while (true)
        {
            var error = SkipCfws();
            if (error is not null)
                return error;
            if (AtEnd)
                return null;
            if (text[pos] == ',')
            {
                pos++;
                continue;
            }
            error = ParseMailbox(out var mailbox, allowGroup: true, out var group) ?? SkipCfws();
            if (error is not null)
                return error;
            list.Add((InternetAddress?)group ?? mailbox!);
            if (!AtEnd && text[pos] != ',')
                return Fail($"unexpected '{text[pos]}' after the address");
        }
    }

    private ParseException? ParseMailbox(out MailboxAddress? mailbox, bool allowGroup, out GroupAddress? group)
    {
        mailbox = null;
        group = null;
        var start = pos;
        var error = ReadPhrase(out var phrase, out var words);
        if (error is not null)
            return error;
        if (!AtEnd && text[pos] == '<')
        {
            pos++;
            var canonical = "";
            var at = 0;
            error = SkipCfws() ?? ParseAddrSpec(out canonical, out at) ?? SkipCfws();
            if (error is not null)
                return error;
            if (AtEnd || text[pos] != '>')
                return Fail("missing '>' after the address");
            pos++;
            mailbox = MailboxAddress.FromValidated(words == 0 ? null : phrase, canonical, at);
            return null;
        }
        if (!AtEnd && text[pos] == ':' && words > 0)
        {
            if (!allowGroup)
                return Fail("a group is not a mailbox");
            pos++;
            group = new GroupAddress(phrase);
            while (true)
            {
                error = SkipCfws();
                if (error is not null)
                    return error;
                if (AtEnd)
                    return Fail("missing ';' at the end of the group");
                if (text[pos] == ';')
                {
                    pos++;
                    return null;
                }
                if (text[pos] == ',')
                {
                    pos++;
                    continue;
                }
                error = ParseMailbox(out var member, allowGroup: false, out _);
                if (error is not null)
                    return error;
                group.Members.Add(member!);
            }
        }
        // No '<' and no ':': the words were the start of a bare addr-spec.
        pos = start;
        var spec = "";
        var specAt = 0;
        error = SkipCfws() ?? ParseAddrSpec(out spec, out specAt);
        if (error is not null)
            return error;
        mailbox = MailboxAddress.FromValidated(null, spec, specAt);
        return null;
    }

    /// <summary>Reads display-name words (atoms, dots of obs-phrase, quoted strings) and joins them with single spaces.</summary>
    private ParseException? ReadPhrase(out string phrase, out int words)
    {
        var sb = new StringBuilder();
        words = 0;
        phrase = "";
        while (true)
        {
            var error = SkipCfws();
            if (error is not null)
                return error;
            if (AtEnd)
                break;
            var c = text[pos];
            string word;
            if (c == '"')
            {
                error = ReadQuoted(out word);
                if (error is not null)
                    return error;
            }
            else if (Phrase.IsAtext(c) || c == '.')
            {
                var s = pos;
                while (!AtEnd && (Phrase.IsAtext(text[pos]) || text[pos] == '.'))
                    pos++;
                word = text[s..pos];
            }
            else
            {
                break;
            }
            if (words++ > 0)
                sb.Append(' ');
            sb.Append(word);
        }
        phrase = EncodedWordDecoder.Decode(sb.ToString());
        return null;
    }

    private ParseException? ParseAddrSpec(out string canonical, out int at)
    {
        canonical = "";
        at = 0;
        if (AtEnd)
            return Fail("the address is empty");
        string local;
        if (text[pos] == '"')
        {
            var error = ReadQuoted(out var content);
            if (error is not null)
                return error;
            foreach (var ch in content)
            {
                if (ch < ' ' || ch == 127)
                    return Fail("the quoted local part holds a control character");
            }
            if (content.Length == 0)
                return Fail("the local part is empty");
            local = IsDotAtom(content) ? content : Phrase.Quote(content);
        }
        else
        {
            var s = pos;
            while (!AtEnd && (Phrase.IsAtext(text[pos]) || text[pos] == '.'))
                pos++;
            local = text[s..pos];
            if (local.Length == 0 && !AtEnd && text[pos] != '@')
                return Fail($"unexpected '{text[pos]}' in the address");
            if (local.Length == 0)
                return Fail("the local part is empty");
            if (!IsDotAtom(local))
                return Fail($"local part '{local}' has a misplaced '.'");
        }
        if (AtEnd || text[pos] != '@')
        {
            if (!AtEnd && text.IndexOf('@', pos) >= 0)
                return Fail($"unexpected '{text[pos]}' in the local part (quote it)");
            return Fail("missing '@'");
        }
        pos++;
        if (Encoding.UTF8.GetByteCount(local) > 64)
            return Fail("local part over 64 characters");

        string domain;
        if (!AtEnd && text[pos] == '[')
        {
            var close = text.IndexOf(']', pos);
            if (close < 0)
                return Fail("missing ']' after the domain literal");
            domain = text[pos..(close + 1)];
            pos = close + 1;
            foreach (var ch in domain.AsSpan(1, domain.Length - 2))
            {
                if (ch <= ' ' || ch >= 127 || ch is '[' or '\\')
                    return Fail($"domain literal '{domain}' holds an invalid character");
            }
        }
        else
        {
            var s = pos;
            while (!AtEnd && (Phrase.IsAtext(text[pos]) || text[pos] == '.'))
                pos++;
            domain = text[s..pos];
            if (domain.Length == 0)
                return Fail("missing domain after '@'");
            if (!AtEnd && text[pos] == '@')
                return Fail("more than one '@'");
            var reason = CheckDomain(domain);
            if (reason is not null)
                return Fail(reason);
        }
        canonical = string.Concat(local, "@", domain);
        at = local.Length;
        if (Encoding.UTF8.GetByteCount(canonical) > 254)
            return Fail("address over 254 characters");
        return null;
    }

    /// <summary>Why a host name is not valid, or null.</summary>
    internal static string? CheckDomain(string domain)
    {
        foreach (var label in domain.Split('.'))
        {
            if (label.Length == 0)
                return $"domain label is empty in '{domain}'";
            foreach (var ch in label)
            {
                if (ch < 128 && !char.IsAsciiLetterOrDigit(ch) && ch != '-')
                    return $"domain '{domain}' holds the invalid character '{ch}'";
            }
            if (label[0] == '-' || label[^1] == '-')
                return $"domain label '{label}' starts or ends with '-'";
            if (label.Length > 63)
                return $"domain label '{label}' is over 63 characters";
        }
        var ascii = domain;
        if (!Ascii.IsValid(domain))
        {
            try
            {
                ascii = Idn.GetAscii(domain);
            }
            catch (ArgumentException)
            {
                return $"domain '{domain}' is not a valid internationalized domain name";
            }
            foreach (var label in ascii.Split('.'))
            {
                if (label.Length > 63)
                    return $"domain label '{label}' is over 63 characters";
            }
        }
        return ascii.Length > 253 ? "domain over 253 characters" : null;
    }

    private static bool IsDotAtom(string s)
    {
        if (s.Length == 0 || s[0] == '.' || s[^1] == '.' || s.Contains("..", StringComparison.Ordinal))
            return false;
        foreach (var c in s)
        {
            if (c != '.' && !Phrase.IsAtext(c))
                return false;
        }
        return true;
    }

    private ParseException? ReadQuoted(out string content)
    {
        var sb = new StringBuilder();
        content = "";
        var start = pos;
        pos++;
        while (!AtEnd)
        {
            var c = text[pos++];
            if (c == '"')
            {
                content = sb.ToString();
                return null;
            }
            if (c == '\\')
            {
                if (AtEnd)
                    break;
                c = text[pos++];
            }
            if (c is '\r' or '\n')
                continue;
            sb.Append(c);
        }
        return new ParseException("unterminated quoted string", start, pos);
    }

    /// <summary>Skips whitespace and (nested) comments.</summary>
    private ParseException? SkipCfws()
    {
        while (!AtEnd)
        {
            var c = text[pos];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                pos++;
            }
            else if (c == '(')
            {
                var start = pos;
                var depth = 0;
                do
                {
                    if (AtEnd)
                        return new ParseException("unterminated comment", start, pos);
                    c = text[pos++];
                    if (c == '\\')
                        pos++;
                    else if (c == '(')
                        depth++;
                    else if (c == ')')
                        depth--;
                }
                while (depth > 0);
            }
            else
            {
                break;
            }
        }
        return null;
    }

    private ParseException Fail(string reason) => new(reason, pos, pos);
}
