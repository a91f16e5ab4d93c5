namespace CecopComms.Content.Rendering;

/// <summary>
/// HTML the host made and vouches for (Markdown rendered by Markdig with raw HTML escaped, a partial's output): the only
/// value an HTML template prints without escaping. Templates cannot make one; they only receive it.
/// </summary>
public sealed class TrustedHtml
{
    internal TrustedHtml(string html) => Html = html;

    public string Html { get; }

    public override string ToString() => Html;
}
