using System.Text;

namespace CecopComms.Mail.Imap;

/// <summary>
/// Reads the values of a response (RFC 3501 section 4): atoms, quoted strings, literals, parenthesised lists and NIL.
/// An atom is a <see cref="string"/>, a quoted string a <see cref="string"/>, a literal a <see cref="byte"/> array, a
/// list a <see cref="List{T}"/>, NIL is null. A section such as BODY[HEADER.FIELDS (FROM)] stays one atom.
/// </summary>
internal sealed class ImapTokenizer(ImapResponse response)
{
    private int _line;
    private int _offset;

    /// <summary>Starts after the first <paramref name="words"/> words of the first line (e.g. 3 for "* 12 FETCH").</summary>
    public ImapTokenizer Skip(int words)
    {
        for (var i = 0; i < words; i++) ReadValue();
        return this;
    }

    /// <summary>True when nothing is left but spaces.</summary>
    public bool AtEnd
    {
        get
        {
            SkipSpaces();
            return _line >= response.Lines.Count || (_line == response.Lines.Count - 1 && _offset >= Current.Length);
        }
    }

    /// <exception cref="ImapProtocolException">The response ends early or is malformed.</exception>
    public object? ReadValue()
    {
        SkipSpaces();
        if (_line >= response.Lines.Count || _offset >= Current.Length)
            throw Malformed("ends where a value was expected");
        var c = Current[_offset];
        switch (c)
        {
            case (byte)'(':
                _offset++;
                var list = new List<object?>();
                while (true)
                {
                    SkipSpaces();
                    if (_line < response.Lines.Count && _offset < Current.Length && Current[_offset] == ')')
                    {
                        _offset++;
                        return list;
                    }
                    list.Add(ReadValue());
                }
            case (byte)'"':
                return ReadQuoted();
            case (byte)'{':
                if (_line >= response.Literals.Count || ImapResponse.LiteralSize(Current.AsSpan(_offset)) < 0) throw Malformed("has a { that does not start a literal");
                var literal = response.Literals[_line];
                _line++;
                _offset = 0;
                return literal;
            case (byte)')':
                throw Malformed("closes a list it never opened");
            default:
                var atom = ReadAtom();
                return atom.Equals("NIL", StringComparison.OrdinalIgnoreCase) ? null : atom;
        }
    }

    private byte[] Current => response.Lines[_line];

    private void SkipSpaces()
    {
        while (_line < response.Lines.Count && _offset < Current.Length && Current[_offset] == ' ') _offset++;
    }

    private string ReadQuoted()
    {
        var bytes = new List<byte>();
        _offset++;
        while (_offset < Current.Length)
        {
            var b = Current[_offset++];
            if (b == '"') return Encoding.UTF8.GetString(bytes.ToArray());
            if (b == '\\' && _offset < Current.Length) b = Current[_offset++];
            bytes.Add(b);
        }
        throw Malformed("has a quoted string that does not end");
    }

    private string ReadAtom()
    {
        var start = _offset;
        var depth = 0;
        while (_offset < Current.Length)
        {
            var b = Current[_offset];
            if (b == '[') depth++;
            else if (b == ']' && depth > 0) depth--;
            else if (depth == 0 && b is (byte)' ' or (byte)'(' or (byte)')' or (byte)'{' or (byte)'"') break;
            _offset++;
        }
        if (_offset == start) throw Malformed("has an empty atom");
        return Encoding.UTF8.GetString(Current, start, _offset - start);
    }

    private ImapProtocolException Malformed(string what) => new($"The server's response \"{response}\" {what}.");
}
