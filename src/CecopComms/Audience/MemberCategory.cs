namespace CecopComms.Audience;

/// <summary>How an organisation belongs to CECOP; stored as 'full', 'associated', 'affiliate'.</summary>
public enum MemberCategory
{
    Full,
    Associated,
    Affiliate,
}
