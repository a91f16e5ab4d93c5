using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Tests.Mime;

/// <summary>Messages that exercise the writer: many scripts, emoji, long lines and words, attachments, inline images.</summary>
internal static class MimeCorpus
{
    private static readonly (string Name, string Address, string Subject, string Text)[] People =
    [
        ("Plain Sender", "news@example.org", "Weekly digest #42: what's new", "Hello,\nthis is plain ASCII.\n"),
        ("Amélie Poulain", "amelie@example.fr", "Les nouveautés de la semaine : été, café et crème brûlée", "Chère lectrice, voici les nouvelles de l'été.\nÀ bientôt !\n"),
        ("Niccolò Lòpez", "niccolo@example.it", "Perché è così difficile? Più novità", "Ciao! Ecco le novità più recenti.\n"),
        ("José Núñez", "jose@example.es", "¿Qué pasó con la reunión del año? ¡Mañana!", "Hola, ¿cómo estás? Año nuevo, vida nueva.\n"),
        ("João Gonçalves", "joao@example.pt", "Atenção: promoção de verão até sábado", "Olá! Não perca a promoção.\n"),
        ("Åsa Öberg", "asa@example.se", "Välkommen till vårt nyhetsbrev — läs mer", "Hej! Här är veckans nyheter.\n"),
        ("Jääskeläinen Äijö", "aijo@example.fi", "Hyvää päivää ja tervetuloa uutiskirjeeseen", "Hei! Tässä viikon uutiset.\n"),
        ("Ștefan Țărână", "stefan@example.ro", "Știri și noutăți din România, ediția de vară", "Bună ziua! Iată știrile săptămânii.\n"),
        ("Žiga Čeč", "ziga@example.si", "Pozdravljeni, škrat in čaj: novičke", "Živjo! Tukaj so novice tedna.\n"),
        ("Γιώργος Παπαδόπουλος", "giorgos@example.gr", "Καλημέρα κόσμε — νέα της εβδομάδας", "Γεια σας! Αυτά είναι τα νέα της εβδομάδας.\n"),
        ("Иван Петров", "ivan@example.bg", "Здравейте! Новини от България за седмицата", "Здравейте! Това са новините за седмицата.\n"),
        ("Łukasz Żółć", "lukasz@example.pl", "Zażółć gęślą jaźń — nowości tygodnia", "Cześć! Oto nowości z tego tygodnia.\n"),
        ("山田太郎", "taro@example.jp", "今週のニュースレター：新製品のお知らせと季節のご挨拶", "こんにちは。今週のニュースをお届けします。\n"),
        ("张伟", "zhangwei@example.cn", "欢迎订阅我们的新闻通讯，本周精选内容", "您好！这是本周的新闻。\n"),
        ("김민준", "minjun@example.kr", "안녕하세요 뉴스레터입니다 이번 주 소식", "안녕하세요! 이번 주 소식입니다.\n"),
        ("Party 🎉 Team", "party@example.org", "🎉 Big sale 🚀 today only 👍🏽 family 👨‍👩‍👧 ok", "Emoji 😀 everywhere 🎈\n"),
    ];

    /// <summary>The names of every case, for xunit theories.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in Cases.Keys)
            data.Add(name);
        return data;
    }

    public static MimeMessage Build(string name) => Cases[name]();

    private static readonly Dictionary<string, Func<MimeMessage>> Cases = CreateCases();

    private static Dictionary<string, Func<MimeMessage>> CreateCases()
    {
        var cases = new Dictionary<string, Func<MimeMessage>>();
        foreach (var p in People)
        {
            var person = p;
            cases["people-" + person.Address.Split('@')[0]] = () =>
            {
                var m = Message(person.Name, person.Address, person.Subject);
                m.To.Add(new MailboxAddress(person.Name + " (reader)", "reader@example.net"));
                m.Body = new BodyBuilder { TextBody = person.Text, HtmlBody = $"<p>{System.Net.WebUtility.HtmlEncode(person.Text)}</p>" }.ToMessageBody();
                return m;
            };
        }
        cases["text-only"] = () =>
        {
            var m = Message("Plain", "plain@example.org", "Text only");
            m.Body = new BodyBuilder { TextBody = "Just text.\nTwo lines.\n" }.ToMessageBody();
            return m;
        };
        cases["html-only"] = () =>
        {
            var m = Message("Plain", "plain@example.org", "HTML only");
            m.Body = new BodyBuilder { HtmlBody = "<html><body><h1>Título</h1></body></html>" }.ToMessageBody();
            return m;
        };
        cases["long-url-html"] = () =>
        {
            var url = "https://example.org/track?" + string.Concat(Enumerable.Range(0, 200).Select(i => $"p{i}=v{i}&"));
            var m = Message("Tracker", "t@example.org", "A very long URL inside");
            m.Body = new BodyBuilder
            {
                TextBody = "Open " + url + "\n",
                HtmlBody = $"<html><body><a href=\"{url}\">Lire la suite — été</a>{new string('x', 3000)}</body></html>",
            }.ToMessageBody();
            return m;
        };
        cases["long-subject"] = () =>
        {
            var subject = string.Join(' ', Enumerable.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing élit", 8));
            var m = Message("Long", "long@example.org", subject);
            m.Body = new BodyBuilder { TextBody = subject }.ToMessageBody();
            return m;
        };
        cases["long-word-subject"] = () =>
        {
            var m = Message("Long", "long@example.org", "Word: " + new string('w', 1200) + " and https://example.org/" + new string('a', 300));
            m.Body = new BodyBuilder { TextBody = "ok" }.ToMessageBody();
            return m;
        };
        cases["looks-encoded"] = () =>
        {
            var m = Message("=?utf-8?q?Not_encoded?=", "fake@example.org", "Literal =?utf-8?q?fake?= text = ? _");
            m.Body = new BodyBuilder { TextBody = "=?utf-8?q?x?= = =3D\n" }.ToMessageBody();
            return m;
        };
        cases["specials-in-names"] = () =>
        {
            var m = Message("Doe, John \"JD\" (Boss)", "john@example.org", "Specials: <>()[]:;@\\,.\"");
            m.To.Add(new MailboxAddress("O'Brien", "\"john doe\"@example.org"));
            m.Cc.Add(new MailboxAddress(null, "bare@example.org"));
            m.ReplyTo.Add(new MailboxAddress("Réponse", "reply@example.org"));
            m.Body = new BodyBuilder { TextBody = "specials" }.ToMessageBody();
            return m;
        };
        cases["idn-domain"] = () =>
        {
            var m = Message("Bücher", "info@bücher.example", "IDN");
            m.To.Add(new MailboxAddress("Ελληνικά", "user@παράδειγμα.δοκιμή"));
            m.Body = new BodyBuilder { TextBody = "idn" }.ToMessageBody();
            return m;
        };
        cases["many-recipients"] = () =>
        {
            var m = Message("Sender", "s@example.org", "Many");
            for (var i = 0; i < 12; i++)
                m.To.Add(new MailboxAddress($"Destinatário número {i}", $"r{i}@example.org"));
            m.Body = new BodyBuilder { TextBody = "many" }.ToMessageBody();
            return m;
        };
        cases["tricky-text"] = () =>
        {
            var m = Message("Tricky", "t@example.org", "Tricky text");
            var text = "trailing spaces   \nFrom the start\n.\n..\nequals = sign\ttab\t\n" + new string('é', 200) + "\n\n\nend without newline";
            m.Body = new BodyBuilder { TextBody = text, HtmlBody = "<p>" + text + "</p>" }.ToMessageBody();
            return m;
        };
        cases["attachments"] = () =>
        {
            var m = Message("Files", "files@example.org", "Attachments with names");
            var builder = new BodyBuilder { TextBody = "See attached.", HtmlBody = "<p>See attached.</p>" };
            builder.Attachments.Add("Rapport annuel 2026 — été.pdf", Bytes(3000, 1));
            builder.Attachments.Add("отчёт.xlsx", Bytes(500, 2));
            builder.Attachments.Add("日本語のファイル名がとても長い場合の添付ファイル名のテストです_レポート_最終版.txt", System.Text.Encoding.UTF8.GetBytes("テキスト\r\nline two\r\n"));
            builder.Attachments.Add(new string('n', 150) + ".csv", "a,b\r\n1,2\r\n"u8.ToArray());
            builder.Attachments.Add("zeros.bin", new byte[64]);
            builder.Attachments.Add("empty.dat", []);
            return Finish(m, builder);
        };
        cases["inline-images"] = () =>
        {
            var m = Message("Images", "img@example.org", "Inline images 🖼");
            var builder = new BodyBuilder { TextBody = "Images inside." };
            var logo = builder.LinkedResources.Add("logo.png", Bytes(800, 3));
            var photo = builder.LinkedResources.Add("fotografía del equipo.jpg", Bytes(1500, 4));
            builder.HtmlBody = $"<p><img src=\"cid:{logo.ContentId}\"> <img src=\"cid:{photo.ContentId}\"></p>";
            builder.Attachments.Add("brochure.pdf", Bytes(200, 5));
            return Finish(m, builder);
        };
        cases["list-headers"] = () =>
        {
            var m = Message("List", "list@example.org", "With list headers");
            m.Headers.Add("List-Unsubscribe", "<https://example.org/u/" + new string('k', 120) + ">, <mailto:unsub@example.org?subject=unsubscribe>");
            m.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            m.Headers.Add("List-Id", "Nouvelles de l'été <weekly.example.org>");
            m.Headers.Add("Feedback-ID", "campaign42:list7:cecop:example.org");
            m.Headers.Add("X-Campaign", "Été 2026 — campagne numéro 42");
            m.Body = new BodyBuilder { TextBody = "list" }.ToMessageBody();
            return m;
        };
        return cases;
    }

    private static MimeMessage Finish(MimeMessage m, BodyBuilder builder)
    {
        m.Body = builder.ToMessageBody();
        return m;
    }

    private static MimeMessage Message(string name, string address, string subject)
    {
        var m = new MimeMessage(TimeProvider.System)
        {
            Subject = subject,
            Date = new DateTimeOffset(2026, 11, 21, 10, 30, 0, TimeSpan.FromHours(1)),
        };
        m.From.Add(new MailboxAddress(name, address));
        m.To.Add(new MailboxAddress("Reader", "reader@example.com"));
        return m;
    }

    /// <summary>Deterministic pseudo-random bytes (images, PDFs) so failures reproduce.</summary>
    public static byte[] Bytes(int length, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
