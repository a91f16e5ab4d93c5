namespace CecopComms.Content;

/// <summary>What a mailing is made from: an edition of a publication, or one planned mailing of a campaign.</summary>
/// <param name="Kind">Edition or campaign mailing.</param>
/// <param name="Id">The edition's or campaign mailing's id.</param>
public sealed record MailingSource(MailingSourceKind Kind, long Id)
{
    /// <summary>"edition:12" or "campaign-mailing:4".</summary>
    public override string ToString() => $"{(Kind == MailingSourceKind.Edition ? "edition" : "campaign-mailing")}:{Id}";
}
