namespace CecopComms.Mail.Mime;

/// <summary>An ordered list of headers (mirrors MimeKit.HeaderList). Values with CR or LF are refused.</summary>
public class HeaderList : List<Header>
{
    /// <summary>Adds a header; throws <see cref="ArgumentException"/> naming the header when the value holds CR or LF.</summary>
    public void Add(string field, string value) => throw new NotImplementedException("contract");

    /// <summary>The first value of a header, or null.</summary>
    public string? this[string field] { get => throw new NotImplementedException("contract"); set => throw new NotImplementedException("contract"); }
}

/// <summary>One header field.</summary>
public class Header
{
    public Header(string field, string value) { Field = field; Value = value; }
    public string Field { get; }
    public string Value { get; set; }
}
