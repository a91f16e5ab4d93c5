using System.ComponentModel.DataAnnotations;

namespace CecopComms.Delivery;

/// <summary>One SMTP server of the pool.</summary>
public sealed class SmtpServerOptions
{
    [Required(ErrorMessage = "Delivery:Servers: every server needs a Host.")]
    public string Host { get; set; } = "";

    /// <summary>0 means 25 (465 with SslOnConnect).</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable (CecopComms.Mail.Smtp.SecureSocketOptions).</summary>
    public string Security { get; set; } = "Auto";

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>Share of new connections that go to this server, relative to the others.</summary>
    [Range(1, 1000)]
    public int Weight { get; set; } = 1;

    /// <summary>Connections open at once to this server; each is reused for many messages.</summary>
    [Range(1, 256)]
    public int MaxConnections { get; set; } = 4;
}
