using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;
using UseCaseHub.Core.Catalogue.Translations;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// The embedded engine: one Lucene.NET index in a folder, one writer, near-real-time searchers shared by
/// all requests (<see cref="SearcherManager"/>). Writes are serialised and committed before they return.
/// </summary>
public sealed partial class LuceneSearchEngine : ISearchEngine, IDisposable
{
    public const string EngineName = "Lucene";

    /// <summary>Bump when the document layout changes: an index written by another layout is rebuilt.</summary>
    private const string Layout = "10";
    private const string LayoutKey = "layout";
    private const string FingerprintKey = "fingerprint";

    /// <summary>The file whose OS lock says which process owns the folder (see <see cref="LockFolder"/>).</summary>
    private const string FolderLockName = "usecasehub.lock";

    private readonly string _path;
    private readonly ILogger _logger;
    private readonly LuceneAnalyzers _analyzers = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Filter _published = new PublishedFilter();
    private FSDirectory _directory = null!;
    private IndexWriter _writer = null!;
    private SearcherManager _searchers = null!;
    private string? _fingerprint;
    private bool _recreated;
    private FileStream? _folderLock;

    /// <summary>
    /// After a failed write (a full disk, a read-only folder): the writer is rolled back to its last commit, and may be
    /// closed for good by Lucene (a "tragic" error), so a new one is opened before the next write; until that works, every
    /// write fails (the indexer keeps its outbox rows and retries) while searches read the last commit. No restart needed.
    /// </summary>
    private bool _broken;

    public LuceneSearchEngine(string path, ILogger<LuceneSearchEngine> logger)
    {
        _path = path;
        _logger = logger;
        try
        {
            Open();
        }
        catch
        {
            // A refused start must not keep the folder locked until the collector runs.
            _folderLock?.Dispose();
            throw;
        }
    }

    public string Name => EngineName;

    public string IndexPath => _path;

    /// <summary>Each host keeps its own index folder and follows the outbox itself.</summary>
    public string? LocalIndex => _path;

    private void Open()
    {
        System.IO.Directory.CreateDirectory(_path);
        _folderLock = LockFolder();
        try
        {
            bool existed;
            using (var probe = FSDirectory.Open(_path))
            {
                existed = DirectoryReader.IndexExists(probe);
            }

            // The writer takes the folder's write lock before it reads anything; a layout change is wiped under it.
            OpenWriter();
            if (!existed || !_writer.CommitData.TryGetValue(LayoutKey, out var layout) || layout != Layout)
            {
                _recreated = true;
                _writer.DeleteAll();
                Commit();
            }
        }
        catch (LockObtainFailedException exception)
        {
            throw HeldElsewhere(exception);
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or IndexFolderHeldException))
        {
            _logger.LogError(exception, "Search index at {Path} is unreadable; starting a new one", _path);
            Close();
            Wipe();
            try
            {
                OpenWriter();
            }
            catch (LockObtainFailedException held)
            {
                throw HeldElsewhere(held);
            }

            _recreated = true;
            Commit();
        }
    }

    /// <summary>
    /// Deletes the index's files while holding its write lock, so files another process is writing are never
    /// deleted: when that process holds the lock, this refuses instead.
    /// </summary>
    private void Wipe()
    {
        using var directory = FSDirectory.Open(new DirectoryInfo(_path), new NativeFSLockFactory());
        using var writeLock = directory.MakeLock(IndexWriter.WRITE_LOCK_NAME);
        bool obtained;
        try
        {
            obtained = writeLock.Obtain(IndexWriterConfig.DefaultWriteLockTimeout);
        }
        catch (LockObtainFailedException exception)
        {
            throw HeldElsewhere(exception);
        }

        if (!obtained)
        {
            throw HeldElsewhere(null);
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(_path))
        {
            // The lock file stays: deleting it would let a third process lock a new file while we still write.
            var name = Path.GetFileName(file);
            if (!string.Equals(name, IndexWriter.WRITE_LOCK_NAME, StringComparison.Ordinal) && !string.Equals(name, FolderLockName, StringComparison.Ordinal))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>
    /// Held for the engine's life. Lucene.NET's native lock proved to guard only within one process on Linux (a
    /// `reindex` process opened a folder the site held), so the folder also carries a file opened without sharing,
    /// which .NET turns into an OS lock (flock) that another process cannot take and the OS drops if this one dies.
    /// </summary>
    private FileStream LockFolder()
    {
        try
        {
            return new FileStream(Path.Combine(_path, FolderLockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception)
        {
            throw HeldElsewhere(exception);
        }
    }

    private IndexFolderHeldException HeldElsewhere(Exception? inner) => new(
        $"The search index folder {_path} is open for writing by another process (its write lock is held). "
        + "One Lucene folder belongs to one process: give each host its own Search:Lucene:IndexPath (each follows the "
        + "outbox itself), stop the site before running 'reindex' on its data folder, or use a shared engine "
        + "(Search:Engine=Elasticsearch). Nothing in the folder was changed.", inner);

    private void OpenWriter()
    {
        // Built aside and assigned at the end: when opening fails (the folder is still read-only), the fields keep the
        // last searchers, so searches go on answering from the last commit.
        // Native OS locks (released by the OS if the process dies), explicitly: the default differs between platforms.
        // Positional reads without locks, not FSDirectory.Open's memory mapping (see PositionalReadDirectory).
        var directory = new PositionalReadDirectory(new DirectoryInfo(_path), new NativeFSLockFactory());
        IndexWriter? writer = null;
        try
        {
            writer = new IndexWriter(directory, new IndexWriterConfig(LuceneAnalyzers.Version, _analyzers.Index)
            {
                OpenMode = OpenMode.CREATE_OR_APPEND,
                // Fewer, larger segments from a rebuild; no compound files (saves rewriting each segment once more).
                RAMBufferSizeMB = 128,
                UseCompoundFile = false,
            });
            var searchers = new SearcherManager(writer, true, new IndexSnapshot.Factory());
            _directory = directory;
            _writer = writer;
            _searchers = searchers;
            _fingerprint = _writer.CommitData.TryGetValue(FingerprintKey, out var fingerprint) ? fingerprint : null;
        }
        catch
        {
            writer?.Dispose();
            directory.Dispose();
            throw;
        }
    }

    private void Break()
    {
        _broken = true;
        try
        {
            _writer.Rollback();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _logger.LogDebug(exception, "Rolling back the failed index writer");
        }
    }

    private void Reopen()
    {
        var (searchers, directory) = (_searchers, _directory);
        OpenWriter();
        searchers.Dispose();
        directory.Dispose();
        _broken = false;
    }

    private void Close()
    {
        _searchers?.Dispose();
        _writer?.Dispose();
        _directory?.Dispose();
    }

    private void Commit()
    {
        var data = new Dictionary<string, string> { [LayoutKey] = Layout };
        if (_fingerprint is not null)
        {
            data[FingerprintKey] = _fingerprint;
        }

        _writer.SetCommitData(data);
        _writer.Commit();
        _searchers.MaybeRefreshBlocking();
    }

    private async Task WriteAsync(Action write, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            if (_broken)
            {
                Reopen();
            }

            write();
            Commit();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            Break();
            throw;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task IndexAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return WriteAsync(() => Update(documents), cancellationToken);
    }

    public Task RemoveAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Count == 0 ? Task.CompletedTask : WriteAsync(() => Delete(ids), cancellationToken);
    }

    public Task ApplyAsync(IReadOnlyCollection<SearchDocument> documents, IReadOnlyCollection<Guid> removed, string fingerprint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(removed);
        return WriteAsync(() =>
        {
            Update(documents);
            Delete(removed);
            _fingerprint = fingerprint;
        }, cancellationToken);
    }

    private void Update(IReadOnlyCollection<SearchDocument> documents)
    {
        foreach (var document in documents)
        {
            _writer.UpdateDocument(new Term(LuceneFields.Id, LuceneDocuments.Key(document.Id)), LuceneDocuments.From(document, _analyzers));
        }
    }

    private void Delete(IReadOnlyCollection<Guid> ids)
    {
        if (ids.Count > 0)
        {
            // An entry's translations go with it (the store deletes them with the entry, by cascade, unseen by the outbox).
            _writer.DeleteDocuments([.. ids.SelectMany(id => new[]
            {
                new Term(LuceneFields.Id, LuceneDocuments.Key(id)), new Term(LuceneFields.TranslationOf, LuceneDocuments.Key(id)),
            })]);
        }
    }

    public async Task RebuildAsync(IAsyncEnumerable<SearchDocument> documents, string fingerprint, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            // Searchers keep the old snapshot until the commit below: nobody sees a half-built index.
            _writer.DeleteAll();
            var done = 0;
            // The writer indexes on several threads at once; the source is read by one at a time.
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(documents, parallel, (document, _) =>
            {
                _writer.AddDocument(LuceneDocuments.From(document, _analyzers));
                if (Interlocked.Increment(ref done) % 1000 == 0)
                {
                    progress?.Report(done);
                }

                return ValueTask.CompletedTask;
            });
            // One segment: every search then does its term lookups and scorer set-up once instead of once per
            // segment. Later updates add small segments that the merge policy folds in as usual.
            _writer.ForceMerge(1);
            _fingerprint = fingerprint;
            _recreated = false;
            Commit();
            progress?.Report(done);
        }
        catch
        {
            // Roll back to the last commit; the writer closes on rollback, so open it again.
            _writer.Rollback();
            _searchers.Dispose();
            _directory.Dispose();
            OpenWriter();
            throw;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task<long> CountAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(WithSearcher(searcher => (long)searcher.IndexReader.NumDocs));

    public Task<SearchIndexState> StateAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new SearchIndexState(_fingerprint, _recreated));

    private T WithSearcher<T>(Func<SnapshotSearcher, T> work)
    {
        var searcher = (SnapshotSearcher)_searchers.Acquire();
        try
        {
            return work(searcher);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>The audience's visibility as a filter: public; public or its organisation's; or none.</summary>
    private Filter? AudienceFilter(SearchAudience audience)
    {
        if (audience.SeesEverything)
        {
            return null;
        }

        if (audience.Organization is not { } organization)
        {
            return _published;
        }

        return PublishedFilter.OrOrganization(LuceneDocuments.Key(organization));
    }

    /// <summary>
    /// What the audience may see, one version per entry: <paramref name="readerKey"/> picks which (see
    /// <see cref="TranslationRules.ReaderKey(string, string)"/>; the default shows originals only, for callers that join ids with the store).
    /// </summary>
    private Query Visible(Query query, SearchAudience audience, string readerKey = TranslationRules.NoReaderLanguage)
    {
        var collapsed = OneVersion(query, readerKey);
        return AudienceFilter(audience) is { } filter ? new FilteredQuery(collapsed, filter) : collapsed;
    }

    public void Dispose()
    {
        Close();
        _folderLock?.Dispose();
        _analyzers.Dispose();
        _writeGate.Dispose();
    }
}
