using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CecopComms.Tests.Peers;

/// <summary>
/// Debian's Dovecot (dovecot-pop3d, dovecot-imapd) run by the test with a configuration of its own in a temporary
/// folder: POP3 and IMAP on 127.0.0.1 and free ports, each in clear text (STLS/STARTTLS offered, login only after TLS:
/// ssl = required) and with TLS on connect, a self-signed certificate made with openssl, one user with a plain password
/// in a passwd-file, and its Maildir in the folder, which the test fills with <see cref="Deliver"/>. Stopped with SIGTERM
/// on dispose. Also linked into CecopComms.Tests, which reads the bounce mailbox the same way.
/// </summary>
/// <remarks>
/// Running as root (as CI does), Dovecot refuses to run its login processes as root and refuses uid 0 for mail access,
/// so logins run as Debian's dovenull user, internal services as dovecot, and mail access as nobody; the Maildir is
/// made world-writable so that nobody can move and delete what the test (root) wrote there.
/// </remarks>
public sealed class DovecotServer : IAsyncDisposable
{
    public const string Program = "/usr/sbin/dovecot";
    public const string User = "bounces";
    public const string Password = "Bounce \"mailbox\" s3cret";

    private static int _sequence;
    private readonly Process _process;
    private readonly byte[] _certificate;

    private DovecotServer(Process process, string folder, int[] ports, byte[] certificate)
    {
        _process = process;
        Folder = folder;
        (Pop3Port, Pop3sPort, ImapPort, ImapsPort) = (ports[0], ports[1], ports[2], ports[3]);
        _certificate = certificate;
    }

    /// <summary>The temporary folder holding configuration, certificate, state, log and mail.</summary>
    public string Folder { get; }

    /// <summary>POP3 in clear text with STLS.</summary>
    public int Pop3Port { get; }

    /// <summary>POP3 with TLS on connect.</summary>
    public int Pop3sPort { get; }

    /// <summary>IMAP in clear text with STARTTLS.</summary>
    public int ImapPort { get; }

    /// <summary>IMAP with TLS on connect.</summary>
    public int ImapsPort { get; }

    /// <summary>The user's Maildir.</summary>
    public string Maildir => Path.Combine(Folder, "mail", User);

    /// <summary>Dovecot's log.</summary>
    public string LogPath => Path.Combine(Folder, "dovecot.log");

    /// <summary>Accepts exactly this server's self-signed certificate and nothing else.</summary>
    public bool ValidateCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(_certificate);

    /// <summary>The log's text, for a failure message.</summary>
    public string Log() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "(no log)";

    /// <summary>Puts a message into the Maildir as a delivery agent does: written under tmp/, then moved into new/.</summary>
    public string Deliver(byte[] message)
    {
        var name = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.M{Interlocked.Increment(ref _sequence)}P{Environment.ProcessId}.cecop-test";
        var temporary = Path.Combine(Maildir, "tmp", name);
        File.WriteAllBytes(temporary, message);
        SetMode(temporary, (UnixFileMode)0b110_110_110);
        var delivered = Path.Combine(Maildir, "new", name);
        File.Move(temporary, delivered);
        return delivered;
    }

    /// <summary>Messages in the Maildir (new and cur), whatever their flags.</summary>
    public int MessageFiles() =>
        Directory.GetFiles(Path.Combine(Maildir, "new")).Length + Directory.GetFiles(Path.Combine(Maildir, "cur")).Length;

    /// <summary>Starts Dovecot and waits until its four ports accept connections.</summary>
    /// <exception cref="InvalidOperationException">It did not start; the message holds its log.</exception>
    public static async Task<DovecotServer> StartAsync()
    {
        if (!File.Exists(Program)) throw new InvalidOperationException($"{Program} is missing: install dovecot-core, dovecot-pop3d and dovecot-imapd (scripts/install-peers.sh).");
        var folder = Directory.CreateTempSubdirectory("dovecot-peer-").FullName;
        // The mail and auth processes run as other users and must reach their files below this folder.
        SetMode(folder, (UnixFileMode)0b111_101_101);
        var certificate = await MakeCertificateAsync(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "passwd"), $"{User}:{{PLAIN}}{Password}::::::\n");
        foreach (var sub in (string[])["new", "cur", "tmp"])
        {
            var path = Path.Combine(folder, "mail", User, sub);
            Directory.CreateDirectory(path);
        }
        foreach (var path in (string[])[Path.Combine(folder, "mail"), Path.Combine(folder, "mail", User), .. Directory.GetDirectories(Path.Combine(folder, "mail", User))])
            SetMode(path, (UnixFileMode)0b111_111_111);

        // Free ports are chosen, released and then bound by Dovecot: another process can take one in between, so try again.
        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePorts(4);
            var config = Path.Combine(folder, "dovecot.conf");
            await File.WriteAllTextAsync(config, Configuration(folder, ports));
            if (File.Exists(Path.Combine(folder, "dovecot.log"))) File.Delete(Path.Combine(folder, "dovecot.log"));
            var start = new ProcessStartInfo(Program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in (string[])["-F", "-c", config]) start.ArgumentList.Add(arg);
            var process = Process.Start(start)!;
            var stderr = new StringBuilder();
            process.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
            process.OutputDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            var server = new DovecotServer(process, folder, ports, certificate);
            if (await server.WaitUntilListeningAsync()) return server;

            var log = server.Log();
            await server.StopAsync();
            if (attempt < 3 && log.Contains("Address already in use", StringComparison.Ordinal)) continue;
            Directory.Delete(folder, recursive: true);
            string output;
            lock (stderr) output = stderr.ToString();
            throw new InvalidOperationException($"Dovecot did not start.\n--- output ---\n{output}\n--- log ---\n{log}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A child process that had not quite gone can still hold a file; the folder is under /tmp.
        }
    }

    private async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM lets the master stop its children; SIGKILL (Process.Kill) would leave them running.
            using (var kill = Process.Start(new ProcessStartInfo("/bin/kill", ["-TERM", _process.Id.ToString()]) { UseShellExecute = false }))
                await kill!.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }

    private async Task<bool> WaitUntilListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        foreach (var port in (int[])[Pop3Port, Pop3sPort, ImapPort, ImapsPort])
        {
            while (true)
            {
                if (_process.HasExited) return false;
                if (deadline.Elapsed > TimeSpan.FromSeconds(20)) return false;
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException)
                {
                    await Task.Delay(50);
                }
            }
        }
        return true;
    }

    private static string Configuration(string folder, int[] ports)
    {
        var root = Environment.UserName == "root";
        var (loginUser, internalUser, mailUser, mailGroup) = root
            ? ("dovenull", "dovecot", "nobody", "nogroup")
            : (Environment.UserName, Environment.UserName, Environment.UserName, Environment.UserName);
        return $$"""
            # Written by the test; nothing here reads /etc/dovecot.
            protocols = pop3 imap
            listen = 127.0.0.1
            base_dir = {{folder}}/run
            state_dir = {{folder}}/state
            instance_name = cecop-test-{{Path.GetFileName(folder)}}
            log_path = {{folder}}/dovecot.log
            info_log_path = {{folder}}/dovecot.log
            ssl = required
            ssl_cert = <{{folder}}/cert.pem
            ssl_key = <{{folder}}/key.pem
            auth_mechanisms = plain login
            # The tests try wrong passwords on purpose: answer at once, and switch off the auth penalty (a delay of
            # seconds for the next login from the same address) by closing its socket; auth logs one error about it.
            auth_failure_delay = 0
            default_login_user = {{loginUser}}
            default_internal_user = {{internalUser}}
            mail_location = maildir:{{folder}}/mail/%u
            first_valid_uid = 1
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{folder}}/passwd
            }
            userdb {
              driver = static
              args = uid={{mailUser}} gid={{mailGroup}} home={{folder}}/mail/%u
            }
            service anvil {
              unix_listener anvil-auth-penalty {
                mode = 0
              }
            }
            service imap-login {
              inet_listener imap {
                port = {{ports[2]}}
              }
              inet_listener imaps {
                port = {{ports[3]}}
                ssl = yes
              }
            }
            service pop3-login {
              inet_listener pop3 {
                port = {{ports[0]}}
              }
              inet_listener pop3s {
                port = {{ports[1]}}
                ssl = yes
              }
            }
            """;
    }

    // Dovecot is a Unix program; the guard tells the platform analyser so.
    private static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, mode);
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        foreach (var listener in listeners) listener.Start();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        foreach (var listener in listeners) listener.Stop();
        return ports;
    }

    private static async Task<byte[]> MakeCertificateAsync(string folder)
    {
        var start = new ProcessStartInfo("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1",
            "-keyout", Path.Combine(folder, "key.pem"), "-out", Path.Combine(folder, "cert.pem")])
        {
            UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException("openssl could not make a certificate: " + error);
        using var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(folder, "cert.pem")));
        return certificate.GetRawCertData();
    }
}
