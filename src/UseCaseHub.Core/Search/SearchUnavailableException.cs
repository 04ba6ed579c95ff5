namespace UseCaseHub.Core.Search;

/// <summary>
/// The search engine cannot answer now (an Elasticsearch cluster unreachable, overloaded or timing out): the site and
/// the API say "search unavailable" (503) while every other page keeps working; the outbox keeps pending changes.
/// </summary>
public sealed class SearchUnavailableException : Exception
{
    public SearchUnavailableException()
        : this("The search engine is unavailable.")
    {
    }

    public SearchUnavailableException(string message)
        : base(message)
    {
    }

    public SearchUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
