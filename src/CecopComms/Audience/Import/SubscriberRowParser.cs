using CecopComms.Audience.Import.Csv;

namespace CecopComms.Audience.Import;

/// <summary>Checks a subscriber record on its own: address, language, organisation name, consent answer; gathers extra columns as attributes.</summary>
internal sealed class SubscriberRowParser(ColumnLayout layout, IReadOnlyDictionary<string, long> organisationsByKey, string? defaultWording)
{
    private readonly int _email = layout.IndexOf(SubscriberFields.Email);
    private readonly int _name = layout.IndexOf(SubscriberFields.Name);
    private readonly int _language = layout.IndexOf(SubscriberFields.Language);
    private readonly int _organisation = layout.IndexOf(SubscriberFields.Organisation);
    private readonly int _consent = layout.IndexOf(SubscriberFields.Consent);
    private readonly int _wording = layout.IndexOf(SubscriberFields.Wording);

    public bool TryParse(CsvRecord record, out SubscriberRow row, out RowError? error)
    {
        row = null!;
        var fields = record.Fields;
        RowError Fail(string field, string reason) => new(record.Line, layout.ColumnOf(field), reason, record.Raw);

        var written = fields[_email].Trim();
        if (written.Length == 0) { error = Fail(SubscriberFields.Email, "the email address is empty"); return false; }
        if (!EmailAddress.TryNormalise(written, out var email, out var reason)) { error = Fail(SubscriberFields.Email, reason!); return false; }

        string? language = null;
        if (Cell(fields, _language) is { } languageText && !Languages.TryNormalise(languageText, out language))
        {
            error = Fail(SubscriberFields.Language, $"the language '{languageText}' is not a language code such as en, it or pt-BR");
            return false;
        }

        long? organisation = null;
        if (Cell(fields, _organisation) is { } organisationName)
        {
            if (!organisationsByKey.TryGetValue(Organisation.KeyOf(organisationName), out var id))
            {
                error = Fail(SubscriberFields.Organisation, $"the organisation '{organisationName}' is not known; import the member organisations first");
                return false;
            }
            organisation = id;
        }

        bool? consent = null;
        if (Cell(fields, _consent) is { } consentText && !ConsentAnswer.TryRead(consentText, out consent))
        {
            error = Fail(SubscriberFields.Consent, $"the consent answer '{consentText}' is neither yes nor no");
            return false;
        }

        var attributes = new List<KeyValuePair<string, string>>();
        foreach (var i in layout.Extra)
            if (fields[i].Trim() is { Length: > 0 } value) attributes.Add(new(layout.Header[i], value));

        error = null;
        row = new SubscriberRow(record.Line, record.Raw, email!, Cell(fields, _name), language, organisation, attributes, consent,
            Cell(fields, _wording) ?? defaultWording ?? "");
        return true;
    }

    private static string? Cell(IReadOnlyList<string> fields, int index) =>
        index >= 0 && fields[index].Trim() is { Length: > 0 } value ? value : null;
}
