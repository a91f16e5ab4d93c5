using System.Security.Cryptography;
using System.Text;

namespace CecopComms.Web.Admin;

/// <summary>PBKDF2-HMAC-SHA256 password hashes with a random 16-byte salt per password, compared in constant time.</summary>
public static class PasswordHasher
{
    /// <summary>OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>Passwords shorter than this are refused.</summary>
    public const int MinimumLength = 12;

    private const int SaltLength = 16;
    private const int KeyLength = 32;

    /// <summary>A new salt and the hash of <paramref name="password"/> with it, both base64.</summary>
    public static (string Hash, string Salt) Hash(string password, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        return (Convert.ToBase64String(Derive(password, salt, iterations)), Convert.ToBase64String(salt));
    }

    /// <summary>Whether <paramref name="password"/> has this hash under this salt and iteration count.</summary>
    public static bool Verify(string password, string hash, string salt, int iterations)
    {
        var expected = Convert.FromBase64String(hash);
        return CryptographicOperations.FixedTimeEquals(Derive(password, Convert.FromBase64String(salt), iterations), expected);
    }

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, KeyLength);
}
