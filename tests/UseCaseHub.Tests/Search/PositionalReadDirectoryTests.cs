using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using UseCaseHub.Search.Lucene;
using UseCaseHub.Testing;

namespace UseCaseHub.Tests.Search;

/// <summary>
/// The index folder read with positional reads: compound files (small segments) and plain ones read back exactly what
/// was written, from many threads at once, and a reader keeps reading files the writer has since merged away.
/// </summary>
public sealed class PositionalReadDirectoryTests : IDisposable
{
    private readonly string _folder = TestPaths.NewTemporaryFolder();

    [Fact]
    public async Task Many_threads_read_back_every_document_of_compound_and_plain_segments()
    {
        using var directory = new PositionalReadDirectory(new DirectoryInfo(_folder), new NativeFSLockFactory());
        using (var writer = Writer(directory, NoMergePolicy.COMPOUND_FILES))
        {
            // Ten commits of 300 small documents each, never merged: ten small segments, written as compound files.
            for (var commit = 0; commit < 10; commit++)
            {
                for (var i = 0; i < 300; i++)
                {
                    writer.AddDocument(Document((commit * 300) + i));
                }

                writer.Commit();
            }
        }

        Assert.Contains(directory.ListAll(), f => f.EndsWith(".cfs", StringComparison.Ordinal));
        using var reader = DirectoryReader.Open(directory);
        Assert.Equal(3_000, reader.NumDocs);

        var searcher = new IndexSearcher(reader);
        var failures = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            var wrong = new List<string>();
            for (var n = worker; n < 3_000; n += 8)
            {
                var top = searcher.Search(new TermQuery(new Term("id", Id(n))), 2);
                var stored = top.TotalHits == 1 ? searcher.Doc(top.ScoreDocs[0].Doc).Get("text", System.Globalization.CultureInfo.InvariantCulture) : null;
                if (stored != Text(n))
                {
                    wrong.Add($"{n}: {top.TotalHits} hits, text '{stored}'");
                }

                var words = searcher.Search(new TermQuery(new Term("text", $"w{n % 97}")), 1).TotalHits;
                if (words != Enumerable.Range(0, 3_000).Count(d => d % 97 == n % 97))
                {
                    wrong.Add($"w{n % 97}: {words} hits");
                }
            }

            return wrong;
        })));

        Assert.Empty(failures.SelectMany(f => f));
    }

    [Fact]
    public void A_reader_keeps_reading_segments_the_writer_has_merged_away_and_deleted()
    {
        using var directory = new PositionalReadDirectory(new DirectoryInfo(_folder), new NativeFSLockFactory());
        using var writer = Writer(directory);
        for (var i = 0; i < 500; i++)
        {
            writer.AddDocument(Document(i));
            if (i % 100 == 99)
            {
                writer.Commit();
            }
        }

        using var before = DirectoryReader.Open(directory);
        var files = directory.ListAll().ToHashSet();
        writer.ForceMerge(1);
        writer.Commit();

        Assert.Contains(files, f => !directory.ListAll().Contains(f));
        var searcher = new IndexSearcher(before);
        Assert.Equal(500, searcher.Search(new MatchAllDocsQuery(), 1).TotalHits);
        Assert.Equal(Text(321), searcher.Doc(searcher.Search(new TermQuery(new Term("id", Id(321))), 1).ScoreDocs[0].Doc).Get("text", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static IndexWriter Writer(Lucene.Net.Store.Directory directory, MergePolicy? merges = null)
    {
        var config = new IndexWriterConfig(LuceneAnalyzers.Version, new WhitespaceAnalyzer(LuceneAnalyzers.Version)) { UseCompoundFile = true };
        if (merges is not null)
        {
            config.MergePolicy = merges;
        }

        return new IndexWriter(directory, config);
    }

    private static string Id(int n) => $"d{n:D5}";

    // Long enough that a document's stored text crosses the 1 KB read buffer now and then.
    private static string Text(int n) => $"w{n % 97} " + string.Join(' ', Enumerable.Repeat($"body{n}", 1 + (n % 300)));

    private static Document Document(int n) =>
    [
        new StringField("id", Id(n), Field.Store.NO),
        new TextField("text", Text(n), Field.Store.YES),
    ];

    public void Dispose() => TestPaths.DeleteTemporaryFolder(_folder);
}
