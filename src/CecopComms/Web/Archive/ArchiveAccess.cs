namespace CecopComms.Web.Archive;

/// <summary>Which archive a reader is in: the public one, or the members' one (after a member login).</summary>
public enum ArchiveAccess
{
    /// <summary>Editions of publications sent to a public list (the CECOP Newsletter).</summary>
    Public,
    /// <summary>Editions of publications sent to a members-only list (CECOP Link).</summary>
    Members,
}
