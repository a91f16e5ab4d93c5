using System.Text;

namespace CecopComms.Bench.Import;

/// <summary>
/// Writes a realistic subscriber CSV: unique addresses, names from CECOP's member countries in their own scripts and
/// accents, a language code, a member organisation on one row in five, and two free attribute columns.
/// </summary>
internal static class SubscriberCsvGenerator
{
    private static readonly (string Language, string Country, string[] First, string[] Last)[] People =
    [
        ("it", "IT", ["Giulia", "Marco", "Francesca", "Niccolò", "Chiara"], ["Rossi", "Bianchi", "Esposito", "De Luca", "Fabbri"]),
        ("es", "ES", ["María", "José", "Lucía", "Íñigo", "Begoña"], ["García", "Martínez", "Núñez", "Ibáñez", "Etxeberria"]),
        ("pl", "PL", ["Agnieszka", "Łukasz", "Małgorzata", "Wojciech", "Zofia"], ["Kowalska", "Wiśniewski", "Wójcik", "Dąbrowska", "Żak"]),
        ("fr", "FR", ["Hélène", "François", "Amélie", "Benoît", "Océane"], ["Dubois", "Lefèvre", "Mercier", "Girard", "Chevalier"]),
        ("pt", "PT", ["João", "Inês", "Conceição", "Sebastião", "Leonor"], ["Gonçalves", "Conceição", "Magalhães", "Simões", "Araújo"]),
        ("sv", "SE", ["Åsa", "Björn", "Linnéa", "Göran", "Märta"], ["Åberg", "Lindström", "Söderberg", "Ekström", "Nyqvist"]),
        ("fi", "FI", ["Päivi", "Jyrki", "Sanna", "Tuomas", "Äinö"], ["Mäkinen", "Virtanen", "Hämäläinen", "Kärkkäinen", "Nieminen"]),
        ("bg", "BG", ["Мария", "Иван", "Елена", "Георги", "Десислава"], ["Иванова", "Петров", "Димитрова", "Георгиев", "Николова"]),
        ("ro", "RO", ["Ioana", "Ștefan", "Andreea", "Mihai", "Oana"], ["Popescu", "Țurcanu", "Ionescu", "Stănescu", "Dumitrașcu"]),
        ("sl", "SI", ["Špela", "Matjaž", "Nuša", "Žiga", "Urška"], ["Novak", "Horvat", "Kovačič", "Krajnc", "Zupančič"]),
        ("el", "GR", ["Ελένη", "Γιώργος", "Μαρία", "Νίκος", "Κατερίνα"], ["Παπαδοπούλου", "Οικονόμου", "Γεωργίου", "Νικολάου", "Βασιλείου"]),
        ("en", "IE", ["Siobhán", "Seán", "Aoife", "Pádraig", "Niamh"], ["O'Brien", "Murphy", "Ní Bhriain", "Kelly", "Byrne"]),
    ];

    private static readonly string[] Sectors = ["construction", "social services", "manufacturing", "culture", "retail", "transport"];
    private static readonly string[] Cities = ["Bologna", "Bilbao", "Kraków", "Lyon", "Porto", "Göteborg", "Tampere", "Пловдив", "Cluj-Napoca", "Ljubljana"];

    /// <summary>The member organisations the subscriber rows refer to (name, country, category).</summary>
    public static IEnumerable<string> OrganisationRows()
    {
        yield return "name,country,category";
        for (var i = 0; i < People.Length * 3; i++)
            yield return $"Cooperativa {i:00} {People[i % People.Length].Last[i % 5]},{People[i % People.Length].Country},{(i % 3) switch { 0 => "full member", 1 => "associated member", _ => "network affiliate" }}";
    }

    public static void WriteSubscribers(string path, int rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("email,name,language,organisation,city,sector\n");
        var random = new Random(2023);
        var organisations = People.Length * 3;
        var line = new StringBuilder(160);
        for (var i = 0; i < rows; i++)
        {
            var p = People[random.Next(People.Length)];
            var first = p.First[random.Next(5)];
            var last = p.Last[random.Next(5)];
            line.Clear();
            line.Append("user").Append(i).Append('.').Append(p.Language).Append("@coop").Append(i % 997).Append('.').Append(p.Country.ToLowerInvariant()).Append(',');
            // One name in ten is written "Last, First" and so has to be quoted.
            if (i % 10 == 0) line.Append('"').Append(last).Append(", ").Append(first).Append('"');
            else line.Append(first).Append(' ').Append(last);
            line.Append(',').Append(p.Language).Append(',');
            if (i % 5 == 0)
            {
                var o = random.Next(organisations);
                line.Append("Cooperativa ").Append(o.ToString("00")).Append(' ').Append(People[o % People.Length].Last[o % 5]);
            }
            line.Append(',').Append(Cities[random.Next(Cities.Length)]).Append(',').Append(Sectors[random.Next(Sectors.Length)]).Append('\n');
            writer.Write(line);
        }
    }
}
