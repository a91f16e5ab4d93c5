namespace CecopComms.Content.Rendering;

/// <summary>What fills a hole left in a compiled mailing for each recipient.</summary>
public enum SlotKind
{
    /// <summary>A field of the recipient (name, email, organisation, country, attr:KEY), escaped where it lands.</summary>
    Recipient,
    UnsubscribeUrl,
    PreferencesUrl,
    /// <summary>A link of the mailing: the click-tracking URL when tracking is on, else the link itself.</summary>
    Link,
    /// <summary>The open pixel's image tag when tracking is on, else nothing.</summary>
    OpenPixel,
}
