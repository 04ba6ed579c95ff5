using DiffPlex;
using DiffPlex.Chunkers;

namespace UseCaseHub.Core.Versions;

public enum DiffKind
{
    Same,
    Inserted,
    Deleted,
}

/// <summary>A run of text that is the same in both versions, or only in the newer (inserted) or the older (deleted).</summary>
public sealed record DiffSegment(DiffKind Kind, string Text);

/// <summary>One text field compared word by word.</summary>
public sealed record FieldDiff(string Field, IReadOnlyList<DiffSegment> Segments)
{
    public bool Changed => Segments.Any(s => s.Kind != DiffKind.Same);
}

/// <summary>One tag field compared as sets of codes.</summary>
public sealed record TagDiff(string Field, IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Kept)
{
    public bool Changed => Added.Count > 0 || Removed.Count > 0;
}

/// <summary>
/// A readable difference between two versions (DiffPlex): words inserted and deleted per text field, tags added and
/// removed. Plain data: the page encodes every piece of text when it writes it.
/// </summary>
public sealed record VersionDiff(IReadOnlyList<FieldDiff> Fields, IReadOnlyList<TagDiff> Tags)
{
    public bool Changed => Fields.Any(f => f.Changed) || Tags.Any(t => t.Changed);

    public static VersionDiff Between(VersionSnapshot older, VersionSnapshot newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        var fields = older.TextFields.Zip(newer.TextFields, (a, b) => new FieldDiff(a.Field, Words(a.Value, b.Value))).ToList();
        var tags = older.TagFields.Zip(newer.TagFields, (a, b) => new TagDiff(a.Field,
            [.. b.Codes.Except(a.Codes, StringComparer.Ordinal)],
            [.. a.Codes.Except(b.Codes, StringComparer.Ordinal)],
            [.. a.Codes.Intersect(b.Codes, StringComparer.Ordinal)])).ToList();
        return new VersionDiff(fields, tags);
    }

    /// <summary>Word by word (the chunker keeps separators as pieces, so the pieces put together give the texts back).</summary>
    public static IReadOnlyList<DiffSegment> Words(string older, string newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        var result = Differ.Instance.CreateDiffs(older, newer, ignoreWhiteSpace: false, ignoreCase: false, WordChunker.Instance);
        var segments = new List<DiffSegment>();
        var a = 0;
        foreach (var block in result.DiffBlocks)
        {
            Add(segments, DiffKind.Same, result.PiecesOld, a, block.DeleteStartA - a);
            Add(segments, DiffKind.Deleted, result.PiecesOld, block.DeleteStartA, block.DeleteCountA);
            Add(segments, DiffKind.Inserted, result.PiecesNew, block.InsertStartB, block.InsertCountB);
            a = block.DeleteStartA + block.DeleteCountA;
        }

        Add(segments, DiffKind.Same, result.PiecesOld, a, result.PiecesOld.Count - a);
        return segments;
    }

    private static void Add(List<DiffSegment> segments, DiffKind kind, IReadOnlyList<string> pieces, int start, int count)
    {
        if (count <= 0)
        {
            return;
        }

        var text = string.Concat(pieces.Skip(start).Take(count));
        if (segments.Count > 0 && segments[^1].Kind == kind)
        {
            segments[^1] = segments[^1] with { Text = segments[^1].Text + text };
        }
        else
        {
            segments.Add(new DiffSegment(kind, text));
        }
    }
}
