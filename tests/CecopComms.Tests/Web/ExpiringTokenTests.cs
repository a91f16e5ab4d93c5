using System.Security.Cryptography;
using CecopComms.Delivery;

namespace CecopComms.Tests.Web;

/// <summary>The expiring variant of signed tokens (confirmation and login links), beside the recipient tokens it must not be mistaken for.</summary>
public sealed class ExpiringTokenTests
{
    private readonly TokenSigner _signer = new(RandomNumberGenerator.GetBytes(32));
    private readonly ExpiringToken _token = new(TokenPurpose.Confirm, Guid.NewGuid(), 2, new DateTimeOffset(2026, 11, 25, 10, 30, 15, TimeSpan.Zero));

    [Fact]
    public void It_reads_back_as_it_was_made_and_is_url_safe()
    {
        var text = _signer.CreateExpiring(_token);

        Assert.Matches("^[A-Za-z0-9_-]{52}$", text);
        Assert.True(_signer.TryVerifyExpiring(text, out var read));
        Assert.Equal(_token, read);
    }

    [Fact]
    public void Expiry_is_to_the_second()
    {
        Assert.False(_token.HasExpired(_token.ExpiresAt.AddSeconds(-1)));
        Assert.True(_token.HasExpired(_token.ExpiresAt));
    }

    [Fact]
    public void Every_altered_character_and_another_key_are_refused()
    {
        var text = _signer.CreateExpiring(_token);
        for (var i = 0; i < text.Length; i++)
        {
            var altered = text[..i] + (text[i] == 'A' ? 'B' : 'A') + text[(i + 1)..];
            Assert.False(_signer.TryVerifyExpiring(altered, out _), $"altered at {i}");
        }
        Assert.False(new TokenSigner(RandomNumberGenerator.GetBytes(32)).TryVerifyExpiring(text, out _));
    }

    [Fact]
    public void A_later_expiry_cannot_be_written_into_a_token()
    {
        var text = _signer.CreateExpiring(_token);
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(text);
        bytes[28]++;

        Assert.False(_signer.TryVerifyExpiring(System.Buffers.Text.Base64Url.EncodeToString(bytes), out _));
    }

    [Fact]
    public void Recipient_and_expiring_tokens_are_never_taken_for_each_other()
    {
        var recipient = _signer.Create(new RecipientToken(TokenPurpose.Confirm, _token.SubscriberUuid, 2));
        var expiring = _signer.CreateExpiring(_token);

        Assert.False(_signer.TryVerifyExpiring(recipient, out _));
        Assert.False(_signer.TryVerify(expiring, out _));
        Assert.False(_signer.TryVerifyExpiring(null, out _));
        Assert.False(_signer.TryVerifyExpiring(new string('A', 80), out _));
    }

    [Fact]
    public void An_expiry_outside_what_four_bytes_of_seconds_hold_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _signer.CreateExpiring(_token with { ExpiresAt = new DateTimeOffset(2200, 1, 1, 0, 0, 0, TimeSpan.Zero) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _signer.CreateExpiring(_token with { ExpiresAt = new DateTimeOffset(1960, 1, 1, 0, 0, 0, TimeSpan.Zero) }));
    }
}
