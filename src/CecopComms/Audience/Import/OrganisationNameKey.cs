using System.Text;

namespace CecopComms.Audience.Import;

/// <summary>organisations.name_key: the name trimmed, NFC and lower-cased, so "Legacoop" and "LEGACOOP " are one organisation.</summary>
internal static class OrganisationNameKey
{
    public static string Of(string name) => name.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();
}
