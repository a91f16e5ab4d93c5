using CecopComms.Content.Editions;
using Microsoft.Extensions.Localization;

namespace CecopComms.Web.Admin.Content;

/// <summary>What the compose form and the YAML source page say after saving an edition.</summary>
public static class SavedEdition
{
    /// <summary>"Saved CECOP Newsletter #3 - 2026 (draft), with 2 warnings." in the staff's words.</summary>
    public static string Message(IStringLocalizer localizer, Edition edition, int warnings)
    {
        var state = edition.State.ToString().ToLowerInvariant();
        return warnings switch
        {
            0 => localizer["Saved {0} ({1}).", edition.Title, state],
            1 => localizer["Saved {0} ({1}), with {2} warning.", edition.Title, state, warnings],
            _ => localizer["Saved {0} ({1}), with {2} warnings.", edition.Title, state, warnings],
        };
    }
}
