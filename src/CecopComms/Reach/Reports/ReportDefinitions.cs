namespace CecopComms.Reach.Reports;

/// <summary>How each figure is computed, written into every report (and into docs/reporting.md), keyed by definition.</summary>
public static class ReportDefinitions
{
    public const string Database = "CecopComms database";

    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["period"] = "A period is a calendar year (or the days given) in the report's time zone, from local midnight to local midnight. "
            + "A mailing belongs to the period its sending started in (the first message handed to the server); all its messages count there.",
        ["subscribers"] = "Subscribers of a list at the end of the period: subscriptions confirmed before the period ended and not unsubscribed "
            + "before it ended. Subscriptions never confirmed (double opt-in not completed) are not counted.",
        ["net-growth"] = "Net growth of a list: subscribers at the end of the period minus subscribers at its start (new subscribers minus unsubscribes).",
        ["new-subscribers"] = "New subscribers of a list: subscriptions confirmed during the period.",
        ["unsubscribes"] = "Unsubscribes from a list: confirmed subscriptions ended during the period, whatever the way (link, mailto, staff).",
        ["bounces"] = "Bounces: bounce records made during the period, hard (permanent refusal) or soft (temporary), from the server's "
            + "reply while sending or a delivery status report received later.",
        ["editions"] = "Editions sent: editions of the publication with a mailing that started in the period and handed at least one message to the server.",
        ["campaign-mailings"] = "Campaign mailings sent: mailings of the campaign that started in the period and handed at least one message to the server.",
        ["sent"] = "Messages sent: ledger rows marked sent (accepted by the mail server) of the mailings of the period.",
        ["delivered"] = "Messages delivered: messages sent minus those whose recipient has a bounce recorded for the same mailing.",
        ["reach"] = "People reached: distinct people with at least one delivered message among the mailings of the period, "
            + "counted once however many messages they received.",
        ["opens"] = "Opens: for each mailing, the distinct people who opened it (tracking pixel loaded), summed over the mailings of the period. "
            + "Only while tracking is on (Tracking:Enabled); mail programs that block images are not counted, so this is a lower bound.",
        ["clicks"] = "Clicks: for each mailing, the distinct people who followed at least one tracked link, summed over the mailings of the period. Only while tracking is on.",
        ["channel"] = "Channel figures come from outside the engine (network statistics, web analytics): entered by staff (on the admin area's "
            + "channel figures page or at the command line) or imported, each with its source and the date it was entered. The latest entry for a channel, metric and year is used.",
        ["past-email"] = "Past e-mail figures: for a year the CecopComms database has no figure of its own (the years before the engine), "
            + "subscribers at the end of the year, editions sent and people reached are those staff entered from CECOP's records, each shown "
            + "with its source. Where the database has its own figure for the year, that one is shown and the entered one is listed as not used.",
        ["growth"] = "Growth: (this period − previous period) / previous period, in per cent rounded to one decimal; n/a when there is no "
            + "previous figure or it was 0.",
    };
}
