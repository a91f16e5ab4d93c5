using System.Globalization;

namespace CecopComms.Mail.Imap;

/// <summary>
/// A message's IMAP UID (mirrors MailKit.UniqueId): stable within a folder for as long as its UIDVALIDITY stays the
/// same. <see cref="Validity"/> is 0 when not known.
/// </summary>
/// <param name="Validity">The folder's UIDVALIDITY when the id was read.</param>
/// <param name="Id">The UID, 1 or more.</param>
public readonly record struct UniqueId(uint Validity, uint Id) : IComparable<UniqueId>
{
    /// <summary>A UID whose folder validity is not known.</summary>
    /// <param name="id">The UID.</param>
    public UniqueId(uint id) : this(0, id) { }

    /// <summary>True for a real UID (0 is never one).</summary>
    public bool IsValid => Id != 0;

    /// <summary>Orders by <see cref="Id"/>.</summary>
    /// <param name="other">The other id.</param>
    public int CompareTo(UniqueId other) => Id.CompareTo(other.Id);

    /// <summary>The UID as IMAP writes it.</summary>
    public override string ToString() => Id.ToString(CultureInfo.InvariantCulture);
}
