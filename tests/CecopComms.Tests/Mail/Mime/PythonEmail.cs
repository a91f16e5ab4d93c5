using System.Text;
using System.Text.Json;
using CecopComms.Tests.Peers;

namespace CecopComms.Tests.Mail.Mime;

/// <summary>Has Python's email package read a message back (Peers/mime_parse.py) and asserts it found no defect anywhere.</summary>
internal static class PythonEmail
{
    /// <summary>What Python saw, after asserting the wire format and zero defects in the message, its headers and every part.</summary>
    public static async Task<JsonElement> ReadBackAsync(byte[] data)
    {
        // MimeKit folds at 78 where it can, but keeps a quoted display name and the encoded word after it on one line
        // (an 81-octet From line was seen): 78 is a SHOULD in RFC 5322, 998 the MUST checked here.
        WireFormat.AssertValid(data, international: false, headerLimit: 998);
        var result = await PeerPython.RunAsync("mime_parse.py", data);
        Assert.True(result.ExitCode == 0, result.StandardError);
        var root = JsonDocument.Parse(result.StandardOutput).RootElement.Clone();
        var wire = Encoding.UTF8.GetString(data);
        Assert.True(root.GetProperty("defects").GetArrayLength() == 0, root.GetProperty("defects") + "\n" + wire);
        Assert.True(!root.GetProperty("header_defects").EnumerateObject().Any(), root.GetProperty("header_defects") + "\n" + wire);
        foreach (var part in root.GetProperty("parts").EnumerateArray())
            Assert.True(part.GetProperty("defects").GetArrayLength() == 0, part.GetProperty("defects") + "\n" + wire);
        return root;
    }

    /// <summary>The text of the first part of <paramref name="type"/>, line ends as LF.</summary>
    public static string Text(JsonElement root, string type) =>
        root.GetProperty("parts").EnumerateArray().First(p => p.GetProperty("content_type").GetString() == type).GetProperty("text").GetString()!.ReplaceLineEndings("\n");
}
