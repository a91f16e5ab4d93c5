namespace CecopComms.Localization;

/// <summary>
/// The words of the admin area, read through <c>IStringLocalizer&lt;StaffText&gt;</c>. The area is English for now:
/// each key is its English text, which the localizer returns while no StaffText.LANG.resx exists.
/// </summary>
public sealed class StaffText;
