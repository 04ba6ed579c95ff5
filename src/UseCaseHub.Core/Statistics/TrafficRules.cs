namespace UseCaseHub.Core.Statistics;

/// <summary>
/// Which requests count as a person reading: the one rule every counter calls. A request counts unless its user agent
/// is missing or matches one of <see cref="BotPatterns"/> (case-insensitive substrings). The list is public in the README.
/// </summary>
public static class TrafficRules
{
    /// <summary>
    /// Substrings of the user agents of crawlers, link checkers, previewers, scripts and headless browsers. Broad on
    /// purpose: a missed person costs one count, a counted robot inflates every figure.
    /// </summary>
    public static IReadOnlyList<string> BotPatterns { get; } =
    [
        "bot", "crawl", "spider", "slurp", "scrap", "fetch", "monitor", "preview", "archiver", "validator", "checker",
        "curl", "wget", "python-requests", "python-urllib", "aiohttp", "httpx", "go-http-client", "java/", "okhttp",
        "libwww", "httpclient", "axios", "node-fetch", "postman", "insomnia", "headless", "phantomjs", "selenium",
        "playwright", "puppeteer", "lighthouse", "facebookexternalhit", "embedly", "whatsapp", "telegram", "feed",
    ];

    /// <summary>True when the user agent is absent or names a robot (see <see cref="BotPatterns"/>).</summary>
    public static bool IsBot(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return true;
        }

        foreach (var pattern in BotPatterns)
        {
            if (userAgent.Contains(pattern, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
