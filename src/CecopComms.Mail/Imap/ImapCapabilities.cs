namespace CecopComms.Mail.Imap;

/// <summary>What an IMAP server announced in CAPABILITY (mirrors MailKit.Net.Imap.ImapCapabilities, the part a reader needs).</summary>
[Flags]
public enum ImapCapabilities
{
    /// <summary>Nothing announced yet.</summary>
    None = 0,
    /// <summary>IMAP4rev1 (RFC 3501).</summary>
    IMAP4rev1 = 1 << 0,
    /// <summary>STARTTLS.</summary>
    StartTLS = 1 << 1,
    /// <summary>LOGINDISABLED: LOGIN must not be used (usually until TLS).</summary>
    LoginDisabled = 1 << 2,
    /// <summary>SASL-IR: AUTHENTICATE takes its initial response on the command line (RFC 4959).</summary>
    SaslIR = 1 << 3,
    /// <summary>LITERAL+: literals need no continuation (RFC 7888).</summary>
    LiteralPlus = 1 << 4,
    /// <summary>UIDPLUS (RFC 4315).</summary>
    UidPlus = 1 << 5,
    /// <summary>IDLE (RFC 2177).</summary>
    Idle = 1 << 6,
    /// <summary>MOVE (RFC 6851).</summary>
    Move = 1 << 7,
}
