using CecopComms.Storage;

namespace CecopComms.Delivery;

/// <summary>
/// The HMAC key of signed links: Delivery:TokenSecret when set (base64), else a random key generated on first use into
/// token.key beside the database, so links stay valid across restarts and there is never a built-in default.
/// </summary>
public static class TokenKey
{
    public const string FileName = "token.key";

    /// <exception cref="Hosting.SettingsException">Delivery:TokenSecret is not base64 of 32 bytes or more.</exception>
    public static byte[] Load(DeliveryOptions options, Database database)
    {
        if (!string.IsNullOrWhiteSpace(options.TokenSecret))
        {
            try
            {
                var key = Convert.FromBase64String(options.TokenSecret.Trim());
                if (key.Length >= 32) return key;
            }
            catch (FormatException) { }
            throw new Hosting.SettingsException("Delivery:TokenSecret must be base64 of 32 random bytes or more (e.g. `openssl rand -base64 32`), or empty to generate one.");
        }
        var path = Path.Combine(Path.GetDirectoryName(database.FilePath)!, FileName);
        if (File.Exists(path)) return Convert.FromBase64String(File.ReadAllText(path).Trim());
        var fresh = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temp, Convert.ToBase64String(fresh));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            // Two processes starting at once: the first rename wins and both use the file's key.
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(temp);
        }
        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
