using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CecopComms.Audience.Import;

/// <summary>
/// Version 7 UUIDs (RFC 9562: 48-bit Unix milliseconds, then random bits) for new subscribers: time-ordered, so the
/// uuid index grows at its end instead of at a random page per row. The same layout as Guid.CreateVersion7, but the
/// random bits come from the CSPRNG 1,024 UUIDs at a time: Guid.CreateVersion7 asks the kernel (getrandom) once per
/// UUID, a system call per imported row. Still fully random, as the uuid is the public identity in signed links.
/// </summary>
internal sealed class UuidV7Source(TimeProvider time)
{
    private readonly byte[] _random = new byte[16 * 1024];
    private int _next = 16 * 1024;

    public Guid Next()
    {
        if (_next == _random.Length)
        {
            RandomNumberGenerator.Fill(_random);
            _next = 0;
        }
        Span<byte> bytes = stackalloc byte[16];
        _random.AsSpan(_next, 16).CopyTo(bytes);
        _next += 16;
        Span<byte> millis = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(millis, time.GetUtcNow().ToUnixTimeMilliseconds());
        millis[2..].CopyTo(bytes);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
