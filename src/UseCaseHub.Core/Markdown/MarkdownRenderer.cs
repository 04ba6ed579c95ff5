using System.Net;
using System.Security.Cryptography;
using System.Text;
using Ganss.Xss;
using Markdig;
using Microsoft.Extensions.Caching.Memory;

namespace UseCaseHub.Core.Markdown;

/// <summary>
/// Markdown to HTML that is safe to put on a page: Markdig escapes raw HTML, then HtmlSanitizer
/// removes what Markdown itself can smuggle in (javascript: links, odd attributes). Results are cached
/// by content, since the same text is rendered again on every view.
/// </summary>
public sealed class MarkdownRenderer : IDisposable
{
    // Its own cache with a size limit, so no other cache user has to give sizes.
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 32 * 1024 * 1024 });

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseAutoLinks()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedTags.Remove("select");
        return sanitizer;
    }

    public string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var key = "md:" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(markdown)));
        return _cache.GetOrCreate(key, item =>
        {
            item.Size = markdown.Length;
            item.SlidingExpiration = TimeSpan.FromHours(1);
            return Render(markdown);
        })!;
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>Uncached rendering, for callers that have no cache.</summary>
    public static string Render(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        string html;
        try
        {
            html = Markdig.Markdown.ToHtml(markdown, Pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig refuses input nested deeper than its limit ("[" or ">" ten thousand times) with an ArgumentException,
            // its only one for a non-null text. Such a body is shown as the text it is, rather than failing the page.
            html = "<p>" + WebUtility.HtmlEncode(markdown).ReplaceLineEndings("<br>") + "</p>";
        }

        return Sanitizer.Sanitize(html);
    }

    /// <summary>Plain text of the Markdown, for search snippets and descriptions.</summary>
    public static string ToPlainText(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        try
        {
            return Markdig.Markdown.ToPlainText(markdown, Pipeline).Trim();
        }
        catch (ArgumentException)
        {
            // Nested past Markdig's limit (see Render): the text itself is the plain text, and indexing goes on.
            return markdown.Trim();
        }
    }
}
