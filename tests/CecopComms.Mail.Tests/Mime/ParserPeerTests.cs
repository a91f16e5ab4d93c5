using System.Text.Json.Nodes;
using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Tests.Mime;

/// <summary>Python's email package and our parser read the same bytes into the same tree: types, file names, decoded text and bytes, subjects, addresses, status groups.</summary>
public class ParserPeerTests
{
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples", "Bounces"), "*.eml").Order())
            data.Add(Path.GetFileName(file));
        return data;
    }

    public static TheoryData<string> Corpus()
    {
        var data = new TheoryData<string>();
        foreach (var name in ParserCorpus.Names)
            data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task BounceSample_ReadsLikePython(string file) =>
        await AssertSameTree(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Samples", "Bounces", file)));

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task TrickyMessage_ReadsLikePython(string name) => await AssertSameTree(ParserCorpus.Bytes(name));

    private static async Task AssertSameTree(byte[] data)
    {
        var result = await PeerPython.RunAsync("parse_tree.py", data);
        Assert.True(result.ExitCode == 0, result.StandardError);
        var theirs = ParserTree.Normalize(JsonNode.Parse(result.StandardOutput)!);
        var ours = ParserTree.Normalize(ParserTree.Of(MimeMessage.Load(new MemoryStream(data))));
        Assert.Equal(theirs.ToJsonString(), ours.ToJsonString());
    }
}
