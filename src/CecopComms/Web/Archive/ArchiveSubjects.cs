using System.Collections.Concurrent;
using CecopComms.Content.Editions;
using CecopComms.Content.Rendering;
using CecopComms.Content.Sources;
using CecopComms.Content.Validation;

namespace CecopComms.Web.Archive;

/// <summary>
/// An archived edition's subject in the language an archive page is read in: the variant a reader of that language
/// gets (else English), taken from the edition's own YAML. Sent editions do not change, so each is read once.
/// </summary>
public sealed class ArchiveSubjects(EditionStore editions)
{
    // Bounded like the archive page itself: one entry per listed edition.
    private readonly ConcurrentDictionary<long, (IReadOnlyList<string> Languages, LocalText Subject)> _read = new();

    /// <summary>The subjects of <paramref name="archived"/> for a reader of <paramref name="language"/>, by edition id.</summary>
    public async Task<IReadOnlyDictionary<long, string>> InAsync(IEnumerable<ArchivedEdition> archived, string language, CancellationToken cancellationToken)
    {
        var subjects = new Dictionary<long, string>();
        foreach (var edition in archived) subjects[edition.Id] = await InAsync(edition, language, cancellationToken);
        return subjects;
    }

    /// <summary>The subject of <paramref name="edition"/> for a reader of <paramref name="language"/>.</summary>
    public async Task<string> InAsync(ArchivedEdition edition, string language, CancellationToken cancellationToken)
    {
        if (!_read.TryGetValue(edition.Id, out var read))
        {
            var stored = await editions.GetAsync(edition.Id, cancellationToken);
            var document = EditionReader.Read(new SourceText(stored.SourceName, stored.Source), new Diagnostics());
            read = document is null ? ([LocalText.Fallback], LocalText.Empty) : (document.Languages, document.Subject);
            if (_read.Count < ArchiveStore.PageSize * 2) _read[edition.Id] = read;
        }
        var text = read.Subject.Text(LanguageChoice.Variant(read.Languages, language));
        return text.Length > 0 ? text : edition.Subject;
    }
}
