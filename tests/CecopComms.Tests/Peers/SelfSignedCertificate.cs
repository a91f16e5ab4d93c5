using System.Diagnostics;

namespace CecopComms.Tests.Peers;

/// <summary>A self-signed certificate for CN=localhost made with openssl, in a temporary folder removed on dispose.</summary>
public sealed class SelfSignedCertificate : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("smtp-cert-").FullName;

    public string CertificatePath => Path.Combine(_folder, "cert.pem");

    public string KeyPath => Path.Combine(_folder, "key.pem");

    /// <exception cref="InvalidOperationException">openssl failed.</exception>
    public static async Task<SelfSignedCertificate> CreateAsync()
    {
        var certificate = new SelfSignedCertificate();
        var start = new ProcessStartInfo("openssl") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in (string[])["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "2",
                     "-keyout", certificate.KeyPath, "-out", certificate.CertificatePath])
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            certificate.Dispose();
            throw new InvalidOperationException("openssl could not make a certificate: " + await error);
        }
        return certificate;
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
