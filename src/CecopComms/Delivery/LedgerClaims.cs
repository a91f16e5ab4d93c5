using System.Globalization;

namespace CecopComms.Delivery;

/// <summary>
/// How long a sender's claim on ledger rows lasts, by the database's clock. <paramref name="Claim"/>: a claimed row not
/// yet handed over (renewed while the sender runs; a sender that died or stalled loses its rows after this).
/// <paramref name="Handoff"/>: a row just handed to the transport, whose server may already have accepted it; it is
/// held this long so that a sender stalled inside the handoff can still mark it instead of another sender sending it again.
/// </summary>
public sealed record LedgerClaims(TimeSpan Claim, TimeSpan Handoff)
{
    /// <summary>The terms set by Delivery:ClaimSeconds and Delivery:HandoffSeconds.</summary>
    public static LedgerClaims From(DeliveryOptions options) =>
        new(TimeSpan.FromSeconds(options.ClaimSeconds), TimeSpan.FromSeconds(Math.Max(options.ClaimSeconds, options.HandoffSeconds)));

    /// <summary>An SQLite date modifier that adds <paramref name="length"/>: "+30.000 seconds".</summary>
    public static string Modifier(TimeSpan length) =>
        "+" + length.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " seconds";
}
