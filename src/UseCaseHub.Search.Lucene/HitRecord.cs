using System.Globalization;
using System.Text;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// What a result line shows (id, pid, type, slug, title, summary, language) as one binary doc value:
/// read without decompressing stored-field chunks. The body is a binary doc value of its own (<see cref="BodyFrom"/>). The body's length tells a snippet
/// which stored offsets fall in the body (see <see cref="LuceneDocuments.Parts"/>).
/// </summary>
internal sealed record HitRecord(Guid Id, string Pid, string Type, string Slug, string Title, string Summary, string Language, int BodyLength)
{
    public const string Field = "_hit";
    private const char Separator = '\u001F';

    public static BinaryDocValuesField From(SearchDocument document, string language) => new(Field, new BytesRef(Encoding.UTF8.GetBytes(
        string.Join(Separator, LuceneDocuments.Key(document.Id), document.Pid, document.Type, document.Slug, document.Title, document.Summary, language,
        document.Body.Length.ToString(CultureInfo.InvariantCulture)))));

    public static HitRecord Read(IndexSearcher searcher, int doc)
    {
        var parts = Binary(searcher, doc, Field).Utf8ToString().Split(Separator);
        return new HitRecord(Guid.ParseExact(parts[0], "N"), parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], int.Parse(parts[7], CultureInfo.InvariantCulture));
    }

    /// <summary>Only the id (the record's first 32 bytes, hex): for long id lists, without decoding the rest.</summary>
    public static Guid ReadId(IndexSearcher searcher, int doc)
    {
        var bytes = Binary(searcher, doc, Field);
        Span<char> hex = stackalloc char[32];
        for (var i = 0; i < hex.Length; i++)
        {
            hex[i] = (char)bytes.Bytes[bytes.Offset + i];
        }

        return Guid.ParseExact(hex, "N");
    }

    /// <summary>
    /// The entry's body, for a snippet cut around a match or more-like-this. A binary doc value, not a stored field:
    /// reading one stored field decompresses (LZ4, a byte read at a time) the chunk up to the document, several bodies'
    /// worth, which was most of a search page's time on the shipped content (about 0.1 ms a hit).
    /// </summary>
    public static BinaryDocValuesField BodyFrom(SearchDocument document) => new(LuceneFields.Body, new BytesRef(Encoding.UTF8.GetBytes(document.Body)));

    /// <summary>The whole body (more-like-this).</summary>
    public static string ReadBody(IndexSearcher searcher, int doc) => Binary(searcher, doc, LuceneFields.Body).Utf8ToString();

    /// <summary>
    /// The body's first characters (UTF-16 units, as the index's offsets count), as many as fit in <paramref name="into"/>:
    /// a snippet needs the text up to its window's end, not a long body decoded whole. Returns how many were written.
    /// </summary>
    public static int ReadBody(IndexSearcher searcher, int doc, Span<char> into)
    {
        var bytes = Binary(searcher, doc, LuceneFields.Body);
        // The decoder stops where the span is full, never inside a character or between a surrogate pair's halves.
        Encoding.UTF8.GetDecoder().Convert(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length), into, flush: true, out _, out var decoded, out _);
        return decoded;
    }

    /// <summary>Document <paramref name="doc"/>'s value of a binary doc values field (empty where it has none).</summary>
    private static BytesRef Binary(IndexSearcher searcher, int doc, string field)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var bytes = new BytesRef();
        leaf.AtomicReader.GetBinaryDocValues(field)?.Get(doc - leaf.DocBase, bytes);
        return bytes;
    }

    public string Path => SearchTypes.PathOf(Type, Slug);
}
