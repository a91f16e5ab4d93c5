using System.Text;
using CecopComms.Mail;
using MimeKit;

namespace CecopComms.Bench.Smtp;

/// <summary>A realistic newsletter of about 20 KB on the wire: HTML with inline styles and its text twin, built with MimeKit's BodyBuilder.</summary>
internal static class NewsletterSample
{
    private const int Articles = 18;

    public static MimeMessage Create(int connection)
    {
        var message = MailMessages.Create(TimeProvider.System, "cecop.example");
        message.Subject = "Cecop Newsletter — Édition 47: coopératives, logement et emploi";
        message.Date = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.FromHours(1));
        message.From.Add(new MailboxAddress("Cecop News", "news@cecop.example"));
        message.To.Add(new MailboxAddress("Ana López", $"reader{connection}@members.example"));
        message.Headers.Add("List-Unsubscribe", $"<https://cecop.example/u/{connection:x8}>");
        message.Headers.Add("List-Id", "Cecop News <news.cecop.example>");
        var (html, text) = Bodies();
        message.Body = new BodyBuilder { HtmlBody = html, TextBody = text }.ToMessageBody();
        return message;
    }

    /// <summary>The HTML and text bodies (about 13 KB and 5 KB).</summary>
    public static (string Html, string Text) Bodies()
    {
        var html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Cecop News</title></head>\n<body style=\"margin:0;padding:0;background:#f4f4f4\">\n");
        var text = new StringBuilder("Cecop News — Édition 47\n\n");
        for (var i = 1; i <= Articles; i++)
        {
            html.Append($"<table role=\"presentation\" width=\"100%\" style=\"max-width:600px;margin:0 auto;background:#ffffff\"><tr><td style=\"padding:16px 24px;font-family:Arial,sans-serif;color:#222222\">\n")
                .Append($"<h2 style=\"font-size:20px;margin:0 0 8px\">{i}. Les coopératives de travailleurs en Europe</h2>\n")
                .Append("<p style=\"font-size:15px;line-height:1.5;margin:0 0 12px\">Worker cooperatives across Europe kept more jobs through the downturn than comparable firms; the report looks at housing, social and industrial co-operatives in twelve countries, with figures for employment, turnover and membership.</p>\n")
                .Append($"<p style=\"margin:0\"><a href=\"https://cecop.example/r/{i:x4}?u=0123456789abcdef\" style=\"color:#0a6ebd\">Lire la suite / Read more</a></p>\n</td></tr></table>\n");
            text.Append($"{i}. Les coopératives de travailleurs en Europe\n")
                .Append("Worker cooperatives across Europe kept more jobs through the downturn than comparable firms; the report looks at housing, social and industrial co-operatives in twelve countries.\n")
                .Append($"Read more: https://cecop.example/r/{i:x4}?u=0123456789abcdef\n\n");
        }
        html.Append("<p style=\"font-size:12px;color:#888888;text-align:center\">Vous recevez ce message parce que vous êtes membre. <a href=\"https://cecop.example/u\">Se désabonner</a></p>\n</body></html>\n");
        return (html.ToString(), text.ToString());
    }
}
