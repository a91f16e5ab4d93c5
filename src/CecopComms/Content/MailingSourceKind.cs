namespace CecopComms.Content;

/// <summary>The two things CecopComms sends.</summary>
public enum MailingSourceKind
{
    /// <summary>A numbered edition of a publication (CECOP Link, CECOP Newsletter).</summary>
    Edition,

    /// <summary>One mailing of a campaign series (e.g. the #CoopSkills2023 launch).</summary>
    CampaignMailing,
}
