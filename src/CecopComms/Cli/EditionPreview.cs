using CecopComms.Content;
using CecopComms.Content.Rendering;
using CecopComms.Delivery;
using CecopComms.Mail;
using MimeKit;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Cli;

/// <summary>Writes what one reader would receive, through the render path used for sending.</summary>
public static class EditionPreview
{
    /// <summary>A subscriber's data, or a sample reader in <paramref name="language"/>.</summary>
    /// <exception cref="UsageException">The e-mail is not a subscriber.</exception>
    public static async Task<RecipientData> RecipientAsync(IServiceProvider services, string? email, string? language, CancellationToken cancellationToken)
    {
        if (email is null) return new RecipientData(0, "preview", "preview@example.org", "", language ?? "en", null, null, new Dictionary<string, string?>());
        var recipient = await services.GetRequiredService<RecipientLookup>().FindAsync(email, cancellationToken)
            ?? throw new UsageException($"{email} is not a subscriber; give another --subscriber or use --lang.");
        return language is null ? recipient : recipient with { Language = language };
    }

    /// <summary>Writes the preview to <paramref name="path"/> (.html, .txt or .eml), or the text version to stdout when null.</summary>
    /// <exception cref="UsageException">The extension is not one of those, or .eml is asked without the delivery module.</exception>
    public static async Task WriteAsync(IServiceProvider services, CompiledMailing mailing, RecipientData recipient, string? path, CancellationToken cancellationToken)
    {
        var extension = path is null ? ".txt" : Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".eml")
        {
            var composer = services.GetService<IMessageComposer>()
                ?? throw new UsageException(".eml previews need the delivery module; write --out FILE.html or FILE.txt.");
            var message = composer.Compose(mailing, recipient, null, test: true);
            await using var file = File.Create(path!);
            await message.WriteToAsync(MailMessages.Crlf, file, cancellationToken);
            return;
        }
        if (extension is not (".html" or ".txt")) throw new UsageException($"--out {path}: write to a .html, .txt or .eml file.");
        // Without a mailing id the links are inert preview links: whoever sees the preview cannot act for the reader.
        var links = services.GetRequiredService<IRecipientLinkFactory>().For(recipient, null);
        var rendered = mailing.Render(recipient, links);
        var body = extension == ".html" ? rendered.Html : $"Subject: {rendered.Subject}\n\n{rendered.Text}";
        if (path is null) Console.Out.Write(body);
        else await File.WriteAllTextAsync(path, body, cancellationToken);
    }
}
