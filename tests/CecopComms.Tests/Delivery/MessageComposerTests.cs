using System.Security.Cryptography;
using System.Text;
using CecopComms.Content;
using CecopComms.Delivery;
using CecopComms.Mail;
using MimeKit;
using Microsoft.Extensions.Options;

namespace CecopComms.Tests.Delivery;

public sealed class MessageComposerTests
{
    private static readonly TokenSigner Signer = new(RandomNumberGenerator.GetBytes(32));
    private static readonly DeliveryOptions Settings = DeliveryTestBed.TestOptions();
    private static readonly TestCompiledMailing Mailing = new(new MailingSource(MailingSourceKind.Edition, 7), "list:cecop-link");

    private static readonly RecipientData Person = new(31, Guid.NewGuid().ToString(), "ana@coop.example", "Ana\r\nBcc: victim@example.org", "it",
        "Legacoop", "IT", new Dictionary<string, string?>());

    private static MessageComposer Composer(RsaDkimSigner? dkim = null)
    {
        var options = Options.Create(Settings);
        return new MessageComposer(new RecipientLinkFactory(Signer, options), new BounceAddress(Signer, Settings.BounceDomain), options, TimeProvider.System, dkim);
    }

    private static string Written(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(MailMessages.Crlf, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void The_message_carries_the_list_headers_with_a_signed_one_click_token()
    {
        var message = Composer().Compose(Mailing, Person, 5, test: false);
        var unsubscribe = message.Headers["List-Unsubscribe"]!;
        Assert.Matches(@"^<mailto:unsubscribe\+[A-Za-z0-9_-]+@bounces\.cecop\.example>, <https://cecop\.example/unsubscribe/[A-Za-z0-9_-]+>$", unsubscribe);
        var token = unsubscribe[(unsubscribe.LastIndexOf('/') + 1)..^1];
        Assert.True(Signer.TryVerify(token, out var read));
        Assert.Equal(new RecipientToken(TokenPurpose.Unsubscribe, Guid.Parse(Person.SubscriberUuid), 5), read);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("CECOP Link <cecop-link.cecop.example>", message.Headers["List-Id"]);
        Assert.EndsWith("@cecop.example", message.MessageId);
        Assert.True(new BounceAddress(Signer, Settings.BounceDomain).TryParse(message.Headers[MessageComposer.RecipientHeader]!, out var mailing, out var subscriber));
        Assert.Equal((5, 31), (mailing, subscriber));
        Assert.Equal("it", message.Headers["Content-Language"]);
    }

    [Fact]
    public void Subscriber_data_cannot_inject_headers()
    {
        var written = Written(Composer().Compose(Mailing, Person, 5, test: false));
        var headers = written[..written.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        Assert.DoesNotContain("\r\nBcc:", headers);
        Assert.Contains("Ana  Bcc: victim@example.org", headers.Replace("\r\n ", " "));
    }

    [Fact]
    public void Each_message_has_its_own_message_id() =>
        Assert.NotEqual(Composer().Compose(Mailing, Person, 5, false).MessageId, Composer().Compose(Mailing, Person, 5, false).MessageId);

    [Fact]
    public void A_test_copy_is_marked_in_its_subject()
    {
        var message = Composer().Compose(Mailing, Person, null, test: true);
        Assert.StartsWith("[TEST] ", message.Subject);
        Assert.Equal("yes", message.Headers["X-Cecop-Test"]);
    }

    [Fact]
    public void With_a_key_the_message_is_dkim_signed_over_the_list_headers()
    {
        using var key = RSA.Create(2048);
        var dkim = new RsaDkimSigner(key, "cecop.example", "news", TimeProvider.System);
        var text = Written(Composer(dkim).Compose(Mailing, Person, 5, test: false));
        Assert.StartsWith("DKIM-Signature:", text);
        var signature = text[..text.IndexOf("\r\nFrom:", StringComparison.Ordinal)].Replace("\r\n", "");
        Assert.Contains("d=cecop.example", signature);
        Assert.Contains("list-unsubscribe", signature.ToLowerInvariant());
    }
}
