using System.Text;
using System.Text.Json;
using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Tests.Mime;

/// <summary>Prepares and writes a message, checks the wire format, and has Python's email package read it back with no defect.</summary>
internal static class PythonEmail
{
    /// <summary>What Python saw (see Peers/mime_parse.py), after asserting zero defects in the message, its headers and every part.</summary>
    public static async Task<JsonElement> ReadBackAsync(MimeMessage message, bool international, string? dumpName = null)
    {
        message.Prepare(international ? EncodingConstraint.EightBit : EncodingConstraint.SevenBit);
        using var stream = new MemoryStream();
        message.WriteTo(new FormatOptions { International = international }, stream);
        var data = stream.ToArray();
        // MIME_DUMP=folder keeps the written messages for a look by eye.
        if (dumpName is not null && Environment.GetEnvironmentVariable("MIME_DUMP") is { Length: > 0 } dump)
            await File.WriteAllBytesAsync(Path.Combine(dump, dumpName + (international ? ".utf8" : "") + ".eml"), data);
        WireFormat.AssertValid(data, international);

        var result = await PeerPython.RunAsync("mime_parse.py", data, international ? ["--utf8"] : []);
        Assert.True(result.ExitCode == 0, result.StandardError);
        var root = JsonDocument.Parse(result.StandardOutput).RootElement.Clone();
        var wire = Encoding.UTF8.GetString(data);
        Assert.True(root.GetProperty("defects").GetArrayLength() == 0, root.GetProperty("defects") + "\n" + wire);
        Assert.True(!root.GetProperty("header_defects").EnumerateObject().Any(), root.GetProperty("header_defects") + "\n" + wire);
        foreach (var part in root.GetProperty("parts").EnumerateArray())
            Assert.True(part.GetProperty("defects").GetArrayLength() == 0, part.GetProperty("defects") + "\n" + wire);
        return root;
    }
}
