using System.Text;
using CecopComms.Mail;
using MimeKit;

namespace CecopComms.Bench.Mime;

/// <summary>
/// A newsletter of about 20 KB: English articles, each with a summary in French, German, Polish, Greek or
/// Japanese, as one long HTML line per article. About 10–15% of the bytes are 8-bit (the smtp benchmark's sample
/// has under 1%), so quoted-printable escapes more; MimeKit chooses the encoding by its own rule.
/// </summary>
internal static class MultilingualNewsletter
{
    private const string Article =
        "Worker cooperatives across Europe kept more jobs through the downturn than comparable firms; the report looks at " +
        "housing, social and industrial co-operatives in twelve countries, with figures for employment and turnover.";

    private static readonly string[] Summaries =
    [
        "Les coopératives de travailleurs ont préservé davantage d'emplois pendant la crise que les entreprises comparables.",
        "Genossenschaften in Europa: Beschäftigung, Umsatz und Mitgliederzahlen in zwölf Ländern — eine Übersicht.",
        "Spółdzielnie pracy w Polsce zwiększyły zatrudnienie o 4% w ciągu ostatniego roku; szczegóły w raporcie.",
        "Οι συνεταιρισμοί εργαζομένων στην Ελλάδα διατήρησαν περισσότερες θέσεις εργασίας από τις συγκρίσιμες επιχειρήσεις.",
        "欧州の労働者協同組合は、景気後退の間も比較可能な企業より多くの雇用を維持しました。",
    ];

    public static MimeMessage Create()
    {
        var message = MailMessages.Create(TimeProvider.System, "cecop.example");
        message.Subject = "Cecop — Ausgabe 47: coopératives, spółdzielnie, συνεταιρισμοί, 協同組合";
        message.Date = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.FromHours(1));
        message.From.Add(new MailboxAddress("Cecop News", "news@cecop.example"));
        message.To.Add(new MailboxAddress("Łukasz Żółć", "lukasz@members.example"));
        message.Headers.Add("List-Unsubscribe", "<https://cecop.example/u/0000002a>");
        message.Headers.Add("List-Id", "Cecop News <news.cecop.example>");

        var html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Cecop News</title></head>\n<body style=\"margin:0;padding:0\">\n");
        var text = new StringBuilder("Cecop News — Ausgabe 47\n\n");
        for (var i = 0; i < 18; i++)
        {
            var summary = Summaries[i % Summaries.Length];
            // One long line per article, as HTML editors write them.
            html.Append($"<table width=\"100%\" style=\"max-width:600px;margin:0 auto\"><tr><td style=\"padding:16px 24px;font-family:Arial,sans-serif\"><h2 style=\"font-size:20px\">{i + 1}. Cooperatives in Europe</h2><p style=\"font-size:15px;line-height:1.5\">{Article}</p><p style=\"font-size:13px;color:#555555\"><em>{summary}</em></p><p><a href=\"https://cecop.example/r/{i:x4}?u=0123456789abcdef\">Read more →</a></p></td></tr></table>\n");
            text.Append($"{i + 1}. Cooperatives in Europe\n{Article}\n{summary}\nhttps://cecop.example/r/{i:x4}?u=0123456789abcdef\n\n");
        }
        html.Append("</body></html>\n");
        message.Body = new BodyBuilder { HtmlBody = html.ToString(), TextBody = text.ToString() }.ToMessageBody();
        return message;
    }
}
