namespace CecopComms.Content.Rendering;

/// <summary>Where a slot's value lands decides how it is made safe.</summary>
public enum OutputKind
{
    /// <summary>HTML text or a double-quoted attribute: &amp; &lt; &gt; " ' escaped.</summary>
    Html,
    /// <summary>Plain text: line breaks in recipient data become spaces.</summary>
    Text,
    /// <summary>A header: no control characters at all, CR and LF become spaces.</summary>
    Subject,
}
