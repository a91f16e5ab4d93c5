using System.Security.Cryptography;
using CecopComms.Delivery;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Delivery;

public sealed class TokenSignerTests
{
    private readonly TokenSigner _signer = new(RandomNumberGenerator.GetBytes(32));
    private readonly RecipientToken _token = new(TokenPurpose.Unsubscribe, Guid.NewGuid(), 42);

    [Fact]
    public void A_token_reads_back_as_it_was_made()
    {
        var text = _signer.Create(_token);
        Assert.True(_signer.TryVerify(text, out var read));
        Assert.Equal(_token, read);
    }

    [Fact]
    public void A_token_is_url_safe_and_fits_an_address_local_part()
    {
        var text = _signer.Create(_token);
        Assert.Matches("^[A-Za-z0-9_-]+$", text);
        Assert.True(("unsubscribe+" + text).Length <= 64);
    }

    [Fact]
    public void Every_altered_character_is_refused()
    {
        var text = _signer.Create(_token);
        for (var i = 0; i < text.Length; i++)
        {
            var altered = text[..i] + (text[i] == 'A' ? 'B' : 'A') + text[(i + 1)..];
            Assert.False(_signer.TryVerify(altered, out _), $"altered at {i}");
        }
    }

    [Fact]
    public void A_token_signed_with_another_key_is_refused()
    {
        var forged = new TokenSigner(RandomNumberGenerator.GetBytes(32)).Create(_token);
        Assert.False(_signer.TryVerify(forged, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("not a token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Garbage_is_refused(string? text) => Assert.False(_signer.TryVerify(text, out _));

    [Fact]
    public void A_recipient_token_has_one_spelling_only()
    {
        // A mailing id whose token has both '-' and '_', so the standard alphabet's spelling differs (the key is fixed).
        var uuid = new Guid("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");
        var text = Enumerable.Range(1, 1000).Select(id => Signer.Create(new RecipientToken(TokenPurpose.Unsubscribe, uuid, id)))
            .First(t => t.Contains('-') && t.Contains('_'));
        Assert.True(Signer.TryVerify(text, out _));
        var spellings = OtherSpellings(text).ToList();
        Assert.Contains(spellings, s => s.Kind == "standard alphabet");
        Assert.Contains(spellings, s => s.Kind == "non-canonical last character");
        foreach (var (kind, other) in spellings) Assert.False(Signer.TryVerify(other, out _), kind);
    }

    [Fact]
    public void An_expiring_token_has_one_spelling_only()
    {
        var uuid = new Guid("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");
        var expires = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var text = Enumerable.Range(1, 1000).Select(id => Signer.CreateExpiring(new ExpiringToken(TokenPurpose.Confirm, uuid, id, expires)))
            .First(t => t.Contains('-') && t.Contains('_'));
        Assert.True(Signer.TryVerifyExpiring(text, out _));
        foreach (var (kind, other) in OtherSpellings(text)) Assert.False(Signer.TryVerifyExpiring(other, out _), kind);
    }

    [Fact]
    public void A_short_key_is_refused() => Assert.Throws<ArgumentException>(() => new TokenSigner(new byte[16]));

    [Fact]
    public void A_bounce_address_names_mailing_and_subscriber_and_refuses_tampering()
    {
        var bounces = new BounceAddress(_signer, "bounces.cecop.example");
        var address = bounces.For(12, 3456);
        Assert.StartsWith("bounce+12.3456.", address);
        Assert.EndsWith("@bounces.cecop.example", address);
        Assert.True(address.Split('@')[0].Length <= 64);
        Assert.True(bounces.TryParse(address, out var mailing, out var subscriber));
        Assert.Equal((12, 3456), (mailing, subscriber));
        Assert.True(bounces.TryParse(address.ToUpperInvariant(), out _, out _));
        Assert.False(bounces.TryParse(address.Replace("3456", "3457"), out _, out _));
        Assert.False(bounces.TryParse("bounce+12.3456.0000000000@bounces.cecop.example", out _, out _));
    }
}
