using System.Security.Cryptography;

namespace CecopComms.Mail.Tests.Dkim;

/// <summary>One RSA 2048 key for the DKIM tests, its public half in a temp file for the verifier script.</summary>
public sealed class DkimKeyFixture : IDisposable
{
    public DkimKeyFixture()
    {
        Key = RSA.Create(2048);
        PublicKeyFile = Path.Combine(Path.GetTempPath(), $"dkim-{Guid.NewGuid():N}.pub");
        File.WriteAllText(PublicKeyFile, Convert.ToBase64String(Key.ExportSubjectPublicKeyInfo()));
    }

    public RSA Key { get; }

    /// <summary>Base64 SubjectPublicKeyInfo, the p= of the TXT record.</summary>
    public string PublicKeyFile { get; }

    public void Dispose()
    {
        Key.Dispose();
        File.Delete(PublicKeyFile);
    }
}
