using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CecopComms.Mail.Dkim;
using CecopComms.Mail.Mime;
using CecopComms.Mail.Tests.Mime;

namespace CecopComms.Mail.Tests.Dkim;

/// <summary>
/// OpenDKIM cannot verify here without DNS, so it signs instead: its body hash and its signature over
/// our messages are recomputed with our canonicalizer, which proves both read the same canonical bytes
/// (opendkim-testmsg signs rsa-sha1, relaxed headers, simple body).
/// </summary>
public class OpenDkimCanonicalizationTests(DkimKeyFixture keys) : IClassFixture<DkimKeyFixture>
{
    private const string TestMsg = "/usr/sbin/opendkim-testmsg";

    public static TheoryData<string> Cases() => MimeCorpus.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task OpenDkimSignature_MatchesOurCanonicalization(string name)
    {
        var message = MimeCorpus.Build(name);
        message.Prepare(EncodingConstraint.SevenBit);
        using var stream = new MemoryStream();
        message.WriteTo(FormatOptions.Default, stream);
        var data = stream.ToArray();

        var keyFile = Path.Combine(Path.GetTempPath(), $"opendkim-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(keyFile, keys.Key.ExportRSAPrivateKeyPem());
        PeerPython.Result result;
        try
        {
            result = await PeerPython.RunProgramAsync(TestMsg, ["-C", "-d", "example.org", "-s", "odk", "-k", keyFile], data);
        }
        finally
        {
            File.Delete(keyFile);
        }
        Assert.True(result.ExitCode == 0, result.StandardError);
        var signed = Encoding.ASCII.GetBytes(result.StandardOutput);
        var fields = HeaderFields.Parse(signed, out _);
        Assert.Equal("DKIM-Signature", fields[0].Name);
        var signatureField = signed[fields[0].Range];
        var tags = Tags(Encoding.ASCII.GetString(signatureField));
        Assert.Equal("rsa-sha1", tags["a"]);
        Assert.Equal("relaxed/simple", tags["c"]);

        var ourFields = HeaderFields.Parse(data, out var bodyStart);
        using var bodyHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        DkimCanonicalizer.AppendBody(bodyHash, data.AsSpan(bodyStart), DkimCanonicalizationAlgorithm.Simple);
        Assert.Equal(tags["bh"], Convert.ToBase64String(bodyHash.GetHashAndReset()));

        using var headerHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        foreach (var field in HeaderFields.SelectForSigning(ourFields, tags["h"].Split(':')))
            DkimCanonicalizer.AppendHeader(headerHash, data.AsSpan()[field.Range], DkimCanonicalizationAlgorithm.Relaxed);
        var withoutB = Regex.Replace(Encoding.ASCII.GetString(signatureField), @"b=[^;]*$", "b=");
        DkimCanonicalizer.AppendHeader(headerHash, Encoding.ASCII.GetBytes(withoutB), DkimCanonicalizationAlgorithm.Relaxed, withoutCrlf: true);
        var valid = keys.Key.VerifyHash(headerHash.GetHashAndReset(), Convert.FromBase64String(tags["b"]), HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);
        Assert.True(valid, Encoding.ASCII.GetString(signatureField));
    }

    private static Dictionary<string, string> Tags(string field)
    {
        var value = field[(field.IndexOf(':') + 1)..];
        return value.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => Regex.Replace(t, @"\s+", ""))
            .Where(t => t.Contains('='))
            .ToDictionary(t => t[..t.IndexOf('=')], t => t[(t.IndexOf('=') + 1)..]);
    }
}
