using System.Data.Common;

namespace CecopComms.Audience;

/// <summary>
/// A part of the application outside the audience tables that keeps data about a subscriber (delivery's ledger and
/// bounces, later tracking events). The GDPR export asks each holder for its part, and erasure has each one scrub
/// its part in the same transaction as the subscriber row, so nothing personal is left behind in another room.
/// </summary>
public interface IPersonalDataHolder
{
    /// <summary>The key of this holder's part in the export, e.g. "deliveries".</summary>
    string Name { get; }

    /// <summary>What this holder keeps on the subscriber, as a JSON-serialisable value.</summary>
    Task<object> ExportAsync(long subscriberId, CancellationToken cancellationToken);

    /// <summary>Removes personal data (addresses, names, server replies that quote them) and keeps anonymous counts.</summary>
    Task EraseAsync(DbConnection connection, DbTransaction transaction, long subscriberId, CancellationToken cancellationToken);
}
