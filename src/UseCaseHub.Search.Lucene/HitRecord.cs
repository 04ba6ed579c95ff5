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
/// read without decompressing stored-field chunks, which hold the long bodies. The body's length tells a snippet
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
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var bytes = new BytesRef();
        leaf.AtomicReader.GetBinaryDocValues(Field).Get(doc - leaf.DocBase, bytes);
        var parts = bytes.Utf8ToString().Split(Separator);
        return new HitRecord(Guid.ParseExact(parts[0], "N"), parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], int.Parse(parts[7], CultureInfo.InvariantCulture));
    }

    /// <summary>Only the id (the record's first 32 bytes, hex): for long id lists, without decoding the rest.</summary>
    public static Guid ReadId(IndexSearcher searcher, int doc)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var bytes = new BytesRef();
        leaf.AtomicReader.GetBinaryDocValues(Field).Get(doc - leaf.DocBase, bytes);
        Span<char> hex = stackalloc char[32];
        for (var i = 0; i < hex.Length; i++)
        {
            hex[i] = (char)bytes.Bytes[bytes.Offset + i];
        }

        return Guid.ParseExact(hex, "N");
    }

    public string Path => SearchTypes.PathOf(Type, Slug);
}
