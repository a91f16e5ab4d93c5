namespace CecopComms.Web.Admin.Settings;

/// <summary>
/// One SMTP server as the settings form posts it. <see cref="Origin"/> is its place in the list the page was built
/// from (-1 for the empty "add a server" row): a kept password and the values the page does not show come from there.
/// The password is never sent to the page, only a new one from it.
/// </summary>
public sealed class ServerForm
{
    public int Origin { get; set; } = -1;
    public string Host { get; set; } = "";
    public string Port { get; set; } = "";
    public string Security { get; set; } = "Auto";
    public string User { get; set; } = "";
    public string NewPassword { get; set; } = "";
    public bool ClearPassword { get; set; }
    public bool AcceptInvalidCertificate { get; set; }
    public string MaxConnections { get; set; } = "4";
    public bool Remove { get; set; }
}
