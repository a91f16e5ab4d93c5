using System.Text;

namespace CecopComms.Mail.Mime;

/// <summary>A named group of mailboxes, <c>Team: a@x.org, b@y.org;</c> (mirrors MimeKit.GroupAddress).</summary>
public class GroupAddress : InternetAddress
{
    /// <summary>Creates a group.</summary>
    /// <exception cref="ArgumentException">The name holds CR, LF or NUL.</exception>
    public GroupAddress(string? name, IEnumerable<InternetAddress>? members = null)
    {
        Name = name;
        if (members is not null)
            Members.AddRange(members);
    }

    /// <summary>The members of the group.</summary>
    public InternetAddressList Members { get; } = new();

    internal override void AppendDisplay(StringBuilder sb)
    {
        sb.Append(Phrase.QuoteIfNeeded(Name ?? "")).Append(':');
        for (var i = 0; i < Members.Count; i++)
        {
            sb.Append(i == 0 ? " " : ", ");
            Members[i].AppendDisplay(sb);
        }
        sb.Append(';');
    }

    internal override void Format(HeaderFolder folder)
    {
        folder.WritePhrase(Name ?? "");
        folder.Glue(":");
        for (var i = 0; i < Members.Count; i++)
        {
            if (i > 0)
                folder.Glue(",");
            Members[i].Format(folder);
        }
        folder.Glue(";");
    }
}
