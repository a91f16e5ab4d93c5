using System.Security.Cryptography;
using System.Text.Json;
using CecopComms.Storage;

namespace CecopComms.Web.Admin.Audiences;

/// <summary>A file kept on the server for the staff member who uploaded it.</summary>
/// <param name="Id">Its opaque identity in forms: 32 random lower-case hex digits.</param>
/// <param name="FileName">The uploaded file's name, made safe for the file system.</param>
/// <param name="Path">Where it is kept.</param>
public sealed record HeldUpload(string Id, string FileName, string Path);

/// <summary>
/// Uploads the import page keeps between two presses of its button: after a dry run (so "import it now" needs no
/// second upload) and after a list problem (so the officer only fixes the list). Each sits in a folder with a random
/// name under import-uploads/ in the files folder (Storage:FilesPath), with a note of the staff member it belongs to and when it came; only
/// that staff member finds it, only a 32-hex-digit id names a folder (so no id reaches outside), and it is deleted when
/// imported, when replaced, or <see cref="KeptFor"/> after it came (by the injected clock).
/// </summary>
public sealed class HeldUploads(Database database, TimeProvider time)
{
    /// <summary>How long an upload waits for its import.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(2);

    private const string NoteName = "held.json";

    private string Root => System.IO.Path.Combine(database.FilesFolder, "import-uploads");

    /// <summary>Keeps <paramref name="upload"/> for <paramref name="owner"/> (a staff user id).</summary>
    /// <exception cref="IOException">The file cannot be written in the files folder (Storage:FilesPath).</exception>
    public async Task<HeldUpload> HoldAsync(Stream upload, string fileName, long owner, CancellationToken cancellationToken)
    {
        Purge();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var folder = System.IO.Path.Combine(Root, id);
        Directory.CreateDirectory(folder);
        var name = AdminImports.SafeName(fileName);
        var path = System.IO.Path.Combine(folder, name);
        await using (var file = File.Create(path)) await upload.CopyToAsync(file, cancellationToken);
        await File.WriteAllTextAsync(System.IO.Path.Combine(folder, NoteName), JsonSerializer.Serialize(new Note(owner, name, time.GetUtcNow())), cancellationToken);
        return new HeldUpload(id, name, path);
    }

    /// <summary>The upload with this id when it belongs to <paramref name="owner"/> and has not expired; otherwise null.</summary>
    public HeldUpload? Find(string? id, long owner)
    {
        if (Folder(id) is not { } folder || ReadNote(folder) is not { } note || note.Owner != owner) return null;
        var path = System.IO.Path.Combine(folder, note.Name);
        if (Expired(note) || !File.Exists(path))
        {
            Delete(folder);
            return null;
        }
        return new HeldUpload(id!, note.Name, path);
    }

    /// <summary>
    /// Moves the upload's file to <paramref name="destination"/> and forgets the upload, so that it is imported once;
    /// false when another request took it first.
    /// </summary>
    public bool TryTake(HeldUpload upload, string destination)
    {
        try
        {
            File.Move(upload.Path, destination);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        Release(upload.Id);
        return true;
    }

    /// <summary>Deletes the upload with this id, if there is one.</summary>
    public void Release(string? id)
    {
        if (Folder(id) is { } folder) Delete(folder);
    }

    private string? Folder(string? id) =>
        id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower) ? System.IO.Path.Combine(Root, id) : null;

    private bool Expired(Note note) => note.HeldAt + KeptFor <= time.GetUtcNow();

    private static Note? ReadNote(string folder)
    {
        var path = System.IO.Path.Combine(folder, NoteName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<Note>(File.ReadAllText(path));
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }

    private void Purge()
    {
        if (!Directory.Exists(Root)) return;
        foreach (var folder in Directory.GetDirectories(Root))
        {
            var note = ReadNote(folder);
            if (note is null ? Directory.GetLastWriteTimeUtc(folder) < time.GetUtcNow().UtcDateTime - KeptFor : Expired(note)) Delete(folder);
        }
    }

    private static void Delete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (DirectoryNotFoundException) { }
        catch (IOException) { } // being read right now: a later purge deletes it
    }

    private sealed record Note(long Owner, string Name, DateTimeOffset HeldAt);
}
