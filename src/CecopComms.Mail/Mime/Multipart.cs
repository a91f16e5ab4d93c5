using System.Collections;
using System.Text;

namespace CecopComms.Mail.Mime;

/// <summary>A multipart entity (mixed, alternative, related) holding child entities (mirrors MimeKit.Multipart).</summary>
public class Multipart : MimeEntity, IList<MimeEntity>
{
    private readonly List<MimeEntity> children = [];

    /// <summary>Creates a <c>multipart/mixed</c>.</summary>
    public Multipart() : this("mixed") { }

    /// <summary>Creates a <c>multipart/<paramref name="subtype"/></c> with a fresh random boundary.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="subtype"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="subtype"/> is not a token.</exception>
    public Multipart(string subtype) : base(new ContentType("multipart", subtype))
    {
        ContentType.Boundary = MimeUtils.GenerateBoundary();
    }

    /// <summary>The boundary (RFC 2046: 1 to 70 characters of bchars, not ending in a space).</summary>
    /// <exception cref="ArgumentException">The value is not a valid boundary.</exception>
    public string Boundary
    {
        get => ContentType.Boundary ?? "";
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Length is 0 or > 70 || value[^1] == ' ' || value.Any(c => !char.IsAsciiLetterOrDigit(c) && !"'()+_,-./:=? ".Contains(c)))
                throw new ArgumentException($"'{value}' is not a valid MIME boundary.", nameof(value));
            ContentType.Boundary = value;
        }
    }

    /// <inheritdoc/>
    public int Count => children.Count;

    /// <inheritdoc/>
    public bool IsReadOnly => false;

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    public MimeEntity this[int index]
    {
        get => children[index];
        set => children[index] = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    public void Add(MimeEntity item) => children.Add(item ?? throw new ArgumentNullException(nameof(item)));

    /// <inheritdoc/>
    public void Clear() => children.Clear();

    /// <inheritdoc/>
    public bool Contains(MimeEntity item) => children.Contains(item);

    /// <inheritdoc/>
    public void CopyTo(MimeEntity[] array, int arrayIndex) => children.CopyTo(array, arrayIndex);

    /// <inheritdoc/>
    public IEnumerator<MimeEntity> GetEnumerator() => children.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public int IndexOf(MimeEntity item) => children.IndexOf(item);

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    public void Insert(int index, MimeEntity item) => children.Insert(index, item ?? throw new ArgumentNullException(nameof(item)));

    /// <inheritdoc/>
    public bool Remove(MimeEntity item) => children.Remove(item);

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    public void RemoveAt(int index) => children.RemoveAt(index);

    /// <inheritdoc/>
    public override void Prepare(EncodingConstraint constraint, int maxLineLength = 78)
    {
        CheckLineLength(maxLineLength);
        foreach (var child in children)
            child.Prepare(constraint, maxLineLength);
        // A random boundary inside 7bit/8bit content is astronomically unlikely, but content can be hostile.
        while (OccursInContent(this, Encoding.ASCII.GetBytes("--" + Boundary)))
            Boundary = MimeUtils.GenerateBoundary();
    }

    private static bool OccursInContent(Multipart multipart, byte[] delimiter)
    {
        foreach (var child in multipart.children)
        {
            if (child is MimePart part && part.Contains(delimiter, FormatOptions.Default))
                return true;
            if (child is Multipart inner && OccursInContent(inner, delimiter))
                return true;
        }
        return false;
    }

    private protected override bool WriteContent(MimeOutput output)
    {
        var folder = new HeaderFolder(output);
        var delimiter = "--" + Boundary;
        foreach (var child in children)
        {
            output.WriteText(delimiter);
            output.NewLine();
            if (!child.Write(output, folder))
                output.NewLine();
        }
        output.WriteText(delimiter);
        output.WriteText("--");
        output.NewLine();
        return true;
    }
}
