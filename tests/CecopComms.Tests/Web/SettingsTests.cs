using System.Net;
using System.Text.Json.Nodes;
using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Web;

/// <summary>The Web settings are checked at start, and HSTS is sent only over https.</summary>
public sealed class SettingsTests
{
    [Fact]
    public async Task Serve_refuses_bad_web_settings_with_a_sentence_naming_them()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSettings(new JsonObject
        {
            ["Storage"] = new JsonObject { ["Provider"] = "sqlite", ["Path"] = workspace.DatabasePath },
            ["Web"] = new JsonObject { ["Urls"] = "ftp://127.0.0.1:1", ["SignupRatePerMinutePerIp"] = 0, ["FromAddress"] = "not an address" },
        });

        var result = await CecopProcess.RunAsync(workspace, "serve");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Web:Urls must be one or more http(s) addresses", result.Stderr);
        Assert.Contains("Web:SignupRatePerMinutePerIp must be between 1 and 100000", result.Stderr);
        Assert.Contains("Web:FromAddress must be an e-mail address", result.Stderr);
    }

    [Fact]
    public async Task A_word_where_a_number_belongs_is_named_in_a_sentence()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSettings(new JsonObject
        {
            ["Storage"] = new JsonObject { ["Provider"] = "sqlite", ["Path"] = workspace.DatabasePath },
            ["Web"] = new JsonObject { ["SignupRatePerMinutePerIp"] = "five" },
        });

        var result = await CecopProcess.RunAsync(workspace, "serve");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Web:SignupRatePerMinutePerIp is 'five', which is not a whole number.", result.Stderr);
    }

    [Fact]
    public async Task Strict_transport_security_is_sent_over_https()
    {
        using var factory = new CecopWebFactory();
        using var client = factory.CreateClient(new() { BaseAddress = new Uri("https://localhost") });

        using var response = await client.GetAsync("/subscribe");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
    }
}
