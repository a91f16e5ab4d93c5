using System.Net;
using CecopComms.Web;

namespace CecopComms.Tests.Web;

/// <summary>The host itself: security headers on every response, the stylesheet, error pages, the root.</summary>
public sealed class HostTests(CecopWebFactory factory) : IClassFixture<CecopWebFactory>
{
    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var path in new[] { "/", "/assets/site.css", "/no-such-page" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.DoesNotContain("unsafe-inline", SecurityHeaders.ContentSecurityPolicy);
            Assert.StartsWith("default-src 'none';", SecurityHeaders.ContentSecurityPolicy);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single());
            // Plain http here: HSTS would be meaningless, and is left out.
            Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        }
    }

    [Fact]
    public async Task Form_pages_refuse_every_frame_too()
    {
        // Antiforgery answers SAMEORIGIN on pages with a form unless told not to; a one-button page framed by the same
        // site is still a clickjacking target. Only the admin preview's rendered mail may be framed (ContentPagesTests).
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var path in new[] { "/subscribe", "/admin/login", "/members/login" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("name=\"__csrf\"", await response.Content.ReadAsStringAsync());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }
    }

    [Fact]
    public async Task An_unknown_address_gets_a_404_page()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_stylesheet_is_served_and_the_root_leads_to_the_sign_up_form()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var css = await client.GetAsync("/assets/site.css");
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".trap", await css.Content.ReadAsStringAsync());
        using var root = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/subscribe", root.Headers.Location?.OriginalString);
    }
}
