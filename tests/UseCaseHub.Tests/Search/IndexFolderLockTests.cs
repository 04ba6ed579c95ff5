using Lucene.Net.Index;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging.Abstractions;
using UseCaseHub.Search.Lucene;
using UseCaseHub.Testing;

namespace UseCaseHub.Tests.Search;

/// <summary>
/// One Lucene folder, one writer: a second engine on a folder another holds is refused with a message naming the
/// folder and the way out, and files are never deleted under someone else's lock. Two engines in one process meet the
/// same refusal as two processes (both locks conflict within a process too); the two-process case is
/// <c>Cli.CommandLineTests</c>' reindex while the folder is held, which showed Lucene.NET's own lock alone let it through.
/// </summary>
public sealed class IndexFolderLockTests : IDisposable
{
    private readonly string _folder = TestPaths.NewTemporaryFolder();

    private static LuceneSearchEngine Open(string path) => new(path, NullLogger<LuceneSearchEngine>.Instance);

    private static Core.Search.SearchDocument Document(Guid id) => new()
    {
        Id = id,
        Pid = "UC-2026-00001",
        Type = "use-case",
        Slug = "s" + id.ToString("N"),
        Title = "Water meters",
        Summary = "Smart water meters.",
        Body = "Body.",
        Language = "en",
        Status = "published",
        UpdatedAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task A_second_engine_on_a_held_folder_is_refused_and_the_first_keeps_working()
    {
        using var first = Open(_folder);
        await first.IndexAsync([Document(Guid.NewGuid())]);

        var refused = Assert.Throws<IndexFolderHeldException>(() => Open(_folder));

        Assert.Contains(_folder, refused.Message, StringComparison.Ordinal);
        Assert.Contains("Search:Lucene:IndexPath", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, await first.CountAsync());
        await first.IndexAsync([Document(Guid.NewGuid())]);
        Assert.Equal(2, await first.CountAsync());
    }

    [Fact]
    public void An_unreadable_index_held_by_another_writer_is_not_wiped()
    {
        // A folder whose commit point is garbage: a free folder would be wiped and started afresh.
        File.WriteAllText(Path.Combine(_folder, "segments_1"), "not an index");
        File.WriteAllText(Path.Combine(_folder, "segments.gen"), "not an index");
        using var directory = FSDirectory.Open(new DirectoryInfo(_folder), new NativeFSLockFactory());
        using var held = directory.MakeLock(IndexWriter.WRITE_LOCK_NAME);
        Assert.True(held.Obtain());

        Assert.Throws<IndexFolderHeldException>(() => Open(_folder));

        Assert.Equal("not an index", File.ReadAllText(Path.Combine(_folder, "segments_1")));
    }

    [Fact]
    public async Task An_unreadable_index_nobody_holds_is_started_afresh()
    {
        File.WriteAllText(Path.Combine(_folder, "segments_1"), "not an index");
        File.WriteAllText(Path.Combine(_folder, "segments.gen"), "not an index");

        using var engine = Open(_folder);

        Assert.True((await engine.StateAsync()).Recreated);
        Assert.Equal(0, await engine.CountAsync());
    }

    public void Dispose() => TestPaths.DeleteTemporaryFolder(_folder);
}
