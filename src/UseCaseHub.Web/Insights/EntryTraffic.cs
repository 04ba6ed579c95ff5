using UseCaseHub.Core.Statistics;

namespace UseCaseHub.Web.Insights;

/// <summary>
/// The door other features call to count a view or a download of an entry (entry pages, attachments, exports): it decides
/// from the request whether a person is reading (<see cref="TrafficRules"/>: GET only, no robot's user agent) and adds one
/// to the in-memory <see cref="EntryCounter"/>; a view only the first time today that the request's address views the entry
/// (<see cref="DailyReaders"/>: a salted hash in memory). Nothing of the request (address, agent, cookie) is stored.
/// </summary>
public sealed class EntryTraffic(EntryCounter counter, DailyReaders readers)
{
    /// <summary>Counts a view of a public entry's page, once per address, entry and UTC day.</summary>
    public void View(HttpContext context, Guid entryId)
    {
        // No address (a test server, a Unix socket): all such requests are one reader; behind a proxy set
        // Identity:TrustForwardedHeaders, or the proxy's address is everyone's.
        if (IsReader(context) && readers.FirstView(context.Connection.RemoteIpAddress?.ToString() ?? "", entryId))
        {
            counter.View(entryId);
        }
    }

    /// <summary>Counts a download of a public entry's file or export.</summary>
    public void Download(HttpContext context, Guid entryId)
    {
        if (IsReader(context))
        {
            counter.Download(entryId);
        }
    }

    /// <summary>
    /// A person's read: a GET (a HEAD reads nothing; a revalidation that ends in 304 is counted, as the person did open the
    /// page again from their cache) whose user agent is not a robot's.
    /// </summary>
    public static bool IsReader(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return HttpMethods.IsGet(context.Request.Method) && !TrafficRules.IsBot(context.Request.Headers.UserAgent.ToString());
    }
}
