using System.Text;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.Net.Http.Headers;
using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Web.Api;

/// <summary>The <see cref="Entry.ConcurrencyStamp"/> an If-Match header names; <c>*</c> matches any.</summary>
public readonly record struct ConcurrencyStamp(bool Missing, Guid? Value)
{
    /// <summary>A tag this hub never issued (or not a tag at all) matches nothing: the caller gets 412 and re-reads.</summary>
    private static readonly ConcurrencyStamp MatchesNothing = new(false, Guid.Empty);

    public static ConcurrencyStamp From(ODataQueryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var header = options.Request.Headers.IfMatch;
        if (header.Count == 0 || string.IsNullOrWhiteSpace(header.ToString()))
        {
            return new(true, null);
        }

        // Parsed here rather than through ODataQueryOptions.IfMatch, which throws (a 500) on a malformed header or tag;
        // strictly, so that a list with one malformed member matches nothing.
        if (!EntityTagHeaderValue.TryParseStrictList(header, out var tags) || tags.Count == 0)
        {
            return MatchesNothing;
        }

        if (tags.Any(t => t.Tag == "*"))
        {
            return new(false, null);
        }

        // The entries' tags are OData's: W/"<base64 of the stamp's literal>", the literal of a Guid being its text.
        foreach (var tag in tags)
        {
            var text = tag.Tag.Value?.Trim('"') ?? "";
            var bytes = new byte[text.Length];
            if (Convert.TryFromBase64String(text, bytes, out var length) && Guid.TryParse(Encoding.UTF8.GetString(bytes, 0, length), out var stamp))
            {
                return new(false, stamp);
            }
        }

        return MatchesNothing;
    }
}
