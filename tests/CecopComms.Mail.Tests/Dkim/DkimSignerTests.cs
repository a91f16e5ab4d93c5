using System.Security.Cryptography;
using System.Text;
using CecopComms.Mail.Dkim;
using CecopComms.Mail.Mime;
using CecopComms.Mail.Tests.Mime;

namespace CecopComms.Mail.Tests.Dkim;

/// <summary>What the signer refuses, and the shape of the header it adds.</summary>
public class DkimSignerTests(DkimKeyFixture keys) : IClassFixture<DkimKeyFixture>
{
    [Fact]
    public void Arguments_AreChecked()
    {
        Assert.Throws<ArgumentException>(() => new DkimSigner(keys.Key, "bad domain", "s"));
        Assert.Throws<ArgumentException>(() => new DkimSigner(keys.Key, "example.org", "bad_selector"));
        Assert.Throws<NotSupportedException>(() => new DkimSigner(keys.Key, "example.org", "s", DkimSignatureAlgorithm.RsaSha1));
        using var small = RSA.Create(512);
        Assert.Throws<ArgumentException>(() => new DkimSigner(small, "example.org", "s"));
        using var garbage = new MemoryStream("not a key"u8.ToArray());
        Assert.Throws<ArgumentException>(() => new DkimSigner(garbage, "example.org", "s"));

        using var signer = new DkimSigner(keys.Key, "bücher.example", "s");
        Assert.Equal("xn--bcher-kva.example", signer.Domain);
        Assert.Throws<ArgumentException>(() => signer.AgentOrUserIdentifier = "news@other.example");
        Assert.Throws<ArgumentException>(() => signer.AgentOrUserIdentifier = "@lists.bücher.example");
        Assert.Throws<ArgumentException>(() => signer.AgentOrUserIdentifier = "jürgen@lists.xn--bcher-kva.example");
        signer.AgentOrUserIdentifier = "@lists.xn--bcher-kva.example";
        Assert.Throws<ArgumentException>(() => signer.Sign(MessageText.Simple(), ["To", "Subject"]));
        var noFrom = MessageText.Simple();
        noFrom.From.Clear();
        Assert.Throws<ArgumentException>(() => signer.Sign(noFrom, DkimSigner.DefaultHeaders));
    }

    [Fact]
    public void Signature_IsOnTop_SignsOnlyPresentHeaders_AndIsFolded()
    {
        using var pem = new MemoryStream(Encoding.ASCII.GetBytes(keys.Key.ExportRSAPrivateKeyPem()));
        using var signer = new DkimSigner(pem, "example.org", "news");
        var message = MessageText.Simple();
        message.Bcc.Add(new MailboxAddress(null, "hidden@example.org"));
        signer.Sign(message, [.. DkimSigner.DefaultHeaders, "Bcc", "From"]);
        var text = MessageText.Write(message);
        Assert.StartsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=news;", text, StringComparison.Ordinal);
        var lines = MessageText.HeaderLines(text, "DKIM-Signature");
        Assert.All(lines, l => Assert.True(l.Length <= 78, l));
        var unfolded = string.Concat(lines);
        Assert.Contains("h=from:to:subject:date:message-id:mime-version:content-type;", unfolded, StringComparison.Ordinal);
        Assert.Matches(@"b=[A-Za-z0-9+/=\t]+$", unfolded);
    }
}
