namespace CecopComms.Mail.Mime;

/// <summary>What the transport can carry, used by <see cref="MimeMessage.Prepare"/> (mirrors MimeKit.EncodingConstraint).</summary>
public enum EncodingConstraint
{
    /// <summary>Anything, binary included (BINARYMIME).</summary>
    None,

    /// <summary>7-bit ASCII only: the plain SMTP case.</summary>
    SevenBit,

    /// <summary>8-bit bytes in lines under 998 octets (8BITMIME).</summary>
    EightBit,
}
