namespace UseCaseHub.Search.Lucene;

/// <summary>
/// Another process holds the index folder's write lock. The host refuses to start (rather than serve read-only):
/// a host that cannot write its own index cannot follow the outbox and would answer from a view that silently ages.
/// </summary>
public sealed class IndexFolderHeldException : InvalidOperationException
{
    public IndexFolderHeldException()
    {
    }

    public IndexFolderHeldException(string message)
        : base(message)
    {
    }

    public IndexFolderHeldException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
