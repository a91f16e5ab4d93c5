using System.Security.Cryptography;
using CecopComms.Delivery;

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
