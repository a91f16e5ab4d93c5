using CecopComms.Web;
using CecopComms.Web.Archive;
using Microsoft.Extensions.Time.Testing;

namespace CecopComms.Tests.Web;

/// <summary>Mails on request per person and window, on the injected clock: the member-login link's daily cap and the confirmation's.</summary>
public sealed class MailAllowanceTests
{
    [Fact]
    public void A_member_gets_at_most_ten_login_links_a_day_and_more_the_next_day()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        var perDay = new MailAllowance(clock, MemberLogin.LinksPerDay, TimeSpan.FromDays(1));

        var taken = new List<bool>();
        for (var i = 0; i < 12; i++)
        {
            taken.Add(perDay.TryTake("member-uuid"));
            // Fifteen minutes apart: the short window alone would let every one through.
            clock.Advance(TimeSpan.FromMinutes(16));
        }

        Assert.Equal(Enumerable.Repeat(true, 10).Concat([false, false]), taken);
        Assert.True(perDay.TryTake("another-member"));
        clock.Advance(TimeSpan.FromDays(1));
        Assert.True(perDay.TryTake("member-uuid"));
    }

    [Fact]
    public void Each_key_counts_alone_and_a_window_starts_with_its_first_mail()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        var allowance = new MailAllowance(clock, 3, TimeSpan.FromDays(1));

        Assert.True(allowance.TryTake("a") && allowance.TryTake("a") && allowance.TryTake("a"));
        Assert.False(allowance.TryTake("a"));
        Assert.True(allowance.TryTake("b"));
        clock.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(59));
        Assert.False(allowance.TryTake("a"));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(allowance.TryTake("a"));
    }
}
