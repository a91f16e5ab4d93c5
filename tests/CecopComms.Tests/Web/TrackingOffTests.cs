using System.Net;
using CecopComms.Delivery;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CecopComms.Tests.Web;

/// <summary>Tracking off (the default): no pixel and no rewritten link in a composed message, and the endpoints answer 404.</summary>
public sealed class TrackingOffTests(ArchiveWebFactory factory) : IClassFixture<ArchiveWebFactory>
{
    [Fact]
    public async Task Messages_carry_no_tracking_and_the_endpoints_are_not_there()
    {
        await factory.SeedAsync();
        var (mailing, compiled, message) = await TrackingMailings.StartAndComposeAsync(factory, factory.NewsletterDraft, ArchiveWebFactory.Public);
        var html = message.HtmlBody!;
        Assert.DoesNotContain("/t/o/", html);
        Assert.DoesNotContain("/t/c/", html);
        Assert.DoesNotContain("/t/c/", message.TextBody!);
        Assert.DoesNotContain("<img src=\"http://localhost", html);
        foreach (var link in compiled.Links) Assert.Contains($"href=\"{link}\"", html);

        var signer = new TokenSigner(Convert.FromBase64String(CecopWebFactory.TokenSecret));
        var uuid = Guid.NewGuid();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (var open = await client.GetAsync($"/t/o/{signer.Create(new RecipientToken(TokenPurpose.Open, uuid, mailing.Id))}.gif"))
            Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        using (var click = await client.GetAsync($"/t/c/{signer.Create(new RecipientToken(TokenPurpose.Click, uuid, mailing.Id))}/0"))
        {
            Assert.Equal(HttpStatusCode.NotFound, click.StatusCode);
            Assert.Null(click.Headers.Location);
        }
        await using var connection = await factory.Database.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM events"));
    }
}
