namespace CecopComms.Mail.Pop3;

/// <summary>What a POP3 server announced in its CAPA reply (mirrors MailKit.Net.Pop3.Pop3Capabilities).</summary>
[Flags]
public enum Pop3Capabilities
{
    /// <summary>Nothing announced (or CAPA refused).</summary>
    None = 0,
    /// <summary>SASL authentication (AUTH) with the mechanisms in <see cref="Pop3Client.AuthenticationMechanisms"/>.</summary>
    Sasl = 1 << 0,
    /// <summary>USER/PASS authentication.</summary>
    User = 1 << 1,
    /// <summary>STLS (RFC 2595).</summary>
    StartTLS = 1 << 2,
    /// <summary>UIDL: unique ids that survive sessions.</summary>
    UIDL = 1 << 3,
    /// <summary>TOP: headers and the first lines of a message.</summary>
    Top = 1 << 4,
    /// <summary>Commands may be pipelined.</summary>
    Pipelining = 1 << 5,
    /// <summary>Extended response codes such as [IN-USE].</summary>
    ResponseCodes = 1 << 6,
}
