using System.Text.Json;
using CecopComms.Content;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CecopComms.Delivery;

/// <summary>
/// The composer the sender uses, rebuilt with a new DKIM signer when the DKIM settings change (the admin settings page),
/// without a restart: messages composed from then on are signed with the new key. A composer is stateless, so one
/// being used finishes its message unharmed.
/// </summary>
public sealed class SettingsFollowingComposer : IMessageComposer, IDisposable
{
    private readonly Func<DeliveryOptions, IMessageComposer> _build;
    private readonly IDisposable? _subscription;
    private IMessageComposer _current;
    private string _key;

    /// <exception cref="Hosting.SettingsException">The DKIM key of the settings cannot be read.</exception>
    public SettingsFollowingComposer(IOptionsMonitor<DeliveryOptions> monitor, Func<DeliveryOptions, IMessageComposer> build)
    {
        _build = build;
        var options = monitor.CurrentValue;
        _key = Key(options);
        _current = build(options);
        _subscription = monitor.OnChange(Switch);
    }

    public MimeMessage Compose(ICompiledMailing mailing, RecipientData recipient, long? mailingId, bool test) =>
        Volatile.Read(ref _current).Compose(mailing, recipient, mailingId, test);

    public void Dispose() => _subscription?.Dispose();

    private void Switch(DeliveryOptions options)
    {
        var key = Key(options);
        if (key == Volatile.Read(ref _key)) return;
        try
        {
            Volatile.Write(ref _current, _build(options));
            Volatile.Write(ref _key, key);
        }
        catch (Exception e) when (e is Hosting.SettingsException or ArgumentException or IOException)
        {
            // The settings page checks the key before it saves; a key file that went missing since keeps the old signer.
            Console.Error.WriteLine($"The changed DKIM settings cannot be used, messages keep the previous signing: {e.Message}");
        }
    }

    private static string Key(DeliveryOptions o) => JsonSerializer.Serialize(o.Dkim);
}
