using System.Text;
using CecopComms.Mail.Dkim;
using CecopComms.Mail.Mime;
using CecopComms.Mail.Tests.Mime;

namespace CecopComms.Mail.Tests.Dkim;

/// <summary>Our signatures checked by dkimpy (python3-dkim) over the MIME corpus, and tampering detected.</summary>
public class DkimVerifyTests(DkimKeyFixture keys) : IClassFixture<DkimKeyFixture>
{
    public static TheoryData<string> Cases() => MimeCorpus.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RelaxedSignature_VerifiesWithDkimpy(string name)
    {
        var data = SignAndWrite(MimeCorpus.Build(name), DkimCanonicalizationAlgorithm.Relaxed, DkimCanonicalizationAlgorithm.Relaxed, international: false);
        WireFormat.AssertValid(data, international: false);
        Assert.True(await Verify(data), Encoding.UTF8.GetString(data));
    }

    [Theory]
    [InlineData("people-taro", false)]
    [InlineData("attachments", false)]
    [InlineData("inline-images", true)]
    [InlineData("tricky-text", true)]
    [InlineData("specials-in-names", true)]
    [InlineData("list-headers", false)]
    public async Task SimpleSignature_VerifiesWithDkimpy(string name, bool international)
    {
        var data = SignAndWrite(MimeCorpus.Build(name), DkimCanonicalizationAlgorithm.Simple, DkimCanonicalizationAlgorithm.Simple, international);
        Assert.True(await Verify(data), Encoding.UTF8.GetString(data));
    }

    [Theory]
    [InlineData("people-amelie")]
    [InlineData("people-zhangwei")]
    [InlineData("idn-domain")]
    public async Task InternationalRelaxedSignature_VerifiesWithDkimpy(string name)
    {
        var data = SignAndWrite(MimeCorpus.Build(name), DkimCanonicalizationAlgorithm.Relaxed, DkimCanonicalizationAlgorithm.Relaxed, international: true);
        Assert.True(await Verify(data), Encoding.UTF8.GetString(data));
    }

    [Theory]
    [InlineData(DkimCanonicalizationAlgorithm.Relaxed)]
    [InlineData(DkimCanonicalizationAlgorithm.Simple)]
    public async Task AlteredBodyByte_FailsVerification(DkimCanonicalizationAlgorithm canonicalization)
    {
        var data = SignAndWrite(MimeCorpus.Build("attachments"), canonicalization, canonicalization, international: false);
        Assert.True(await Verify(data));
        var body = IndexOf(data, "\r\n\r\n"u8.ToArray()) + 4;
        var target = Array.FindIndex(data, body, b => char.IsAsciiLetter((char)b));
        data[target] = (byte)(data[target] == 'a' ? 'b' : 'a');
        Assert.False(await Verify(data));
    }

    [Theory]
    [InlineData(DkimCanonicalizationAlgorithm.Relaxed)]
    [InlineData(DkimCanonicalizationAlgorithm.Simple)]
    public async Task AlteredSubject_FailsVerification(DkimCanonicalizationAlgorithm canonicalization)
    {
        var data = SignAndWrite(MimeCorpus.Build("people-news"), canonicalization, canonicalization, international: false);
        var text = Encoding.ASCII.GetString(data);
        Assert.Contains("\r\nSubject: Weekly digest", text, StringComparison.Ordinal);
        var altered = Encoding.ASCII.GetBytes(text.Replace("\r\nSubject: Weekly digest", "\r\nSubject: Weekly digesT", StringComparison.Ordinal));
        Assert.False(await Verify(altered));
    }

    [Fact]
    public async Task PrepareAfterSigning_ChangesNoByte()
    {
        var message = MimeCorpus.Build("attachments");
        using var signer = NewSigner();
        signer.Sign(message, DkimSigner.DefaultHeaders);
        var before = Write(message, FormatOptions.Default);
        message.Prepare(EncodingConstraint.SevenBit);
        message.Prepare(EncodingConstraint.EightBit);
        message.Prepare(EncodingConstraint.SevenBit, 78);
        var after = Write(message, FormatOptions.Default);
        Assert.Equal(before, after);
        using var async = new MemoryStream();
        await message.WriteToAsync(FormatOptions.Default, async);
        Assert.Equal(before, async.ToArray());
        Assert.True(await Verify(after));
    }

    [Fact]
    public async Task SignedSevenBit_StillVerifies_WhenSentInternational()
    {
        // The SMTP client turns International on when SMTPUTF8 is used; a 7-bit signature must survive it.
        var message = MimeCorpus.Build("people-taro");
        using var signer = NewSigner();
        signer.Sign(message, DkimSigner.DefaultHeaders);
        message.Prepare(EncodingConstraint.EightBit);
        var data = Write(message, new FormatOptions { International = true });
        Assert.Equal(Write(message, FormatOptions.Default), data);
        Assert.True(await Verify(data));
    }

    [Fact]
    public async Task SigningAgain_ReplacesTheSignature()
    {
        var message = MimeCorpus.Build("text-only");
        using var signer = NewSigner();
        signer.Sign(message, DkimSigner.DefaultHeaders);
        message.Subject = "Changed after the first signature";
        signer.Sign(message, DkimSigner.DefaultHeaders);
        var data = Write(message, FormatOptions.Default);
        Assert.Single(message.Headers, h => h.Field == "DKIM-Signature");
        Assert.True(await Verify(data));
    }

    [Fact]
    public async Task ConcurrentSigning_EverySignatureVerifies()
    {
        using var signer = NewSigner();
        var messages = Enumerable.Range(0, 40).Select(i =>
        {
            var m = MimeCorpus.Build(i % 2 == 0 ? "people-giorgos" : "inline-images");
            m.Subject = $"Message {i}";
            return m;
        }).ToArray();
        Parallel.ForEach(messages, new ParallelOptions { MaxDegreeOfParallelism = 8 }, m => signer.Sign(m, DkimSigner.DefaultHeaders));
        foreach (var m in messages.Where((_, i) => i % 5 == 0))
            Assert.True(await Verify(Write(m, FormatOptions.Default)));
    }

    [Fact]
    public async Task PemFileAndIdentifier_Verify()
    {
        var pem = Path.Combine(Path.GetTempPath(), $"dkim-{Guid.NewGuid():N}.pem");
        File.WriteAllText(pem, keys.Key.ExportPkcs8PrivateKeyPem());
        try
        {
            using var signer = new DkimSigner(pem, "example.org", "news") { AgentOrUserIdentifier = "news@lists.example.org" };
            var message = MimeCorpus.Build("list-headers");
            signer.Sign(message, DkimSigner.DefaultHeaders);
            var data = Write(message, FormatOptions.Default);
            var text = Encoding.ASCII.GetString(data);
            Assert.Contains("i=news@lists.example.org;", text, StringComparison.Ordinal);
            Assert.Contains("list-unsubscribe:list-unsubscribe-post", text.Replace("\r\n\t", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.True(await Verify(data));
        }
        finally
        {
            File.Delete(pem);
        }
    }

    private byte[] SignAndWrite(MimeMessage message, DkimCanonicalizationAlgorithm header, DkimCanonicalizationAlgorithm body, bool international)
    {
        using var signer = NewSigner();
        signer.HeaderCanonicalizationAlgorithm = header;
        signer.BodyCanonicalizationAlgorithm = body;
        var options = new FormatOptions { International = international };
        signer.Sign(options, message, DkimSigner.DefaultHeaders);
        // The SMTP client prepares again before sending: that must not disturb the signature.
        message.Prepare(international ? EncodingConstraint.EightBit : EncodingConstraint.SevenBit);
        return Write(message, options);
    }

    private DkimSigner NewSigner() => new(keys.Key, "example.org", "news");

    private static byte[] Write(MimeMessage message, FormatOptions options)
    {
        using var stream = new MemoryStream();
        message.WriteTo(options, stream);
        return stream.ToArray();
    }

    private async Task<bool> Verify(byte[] data)
    {
        var result = await PeerPython.RunAsync("dkim_verify.py", data, [keys.PublicKeyFile]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return result.StandardOutput.Trim() switch
        {
            "True" => true,
            "False" => false,
            var other => throw new InvalidOperationException($"dkim_verify.py said {other}: {result.StandardError}"),
        };
    }

    private static int IndexOf(byte[] data, byte[] pattern) => data.AsSpan().IndexOf(pattern);
}
