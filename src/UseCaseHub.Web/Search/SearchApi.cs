using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Taxonomies;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Search;

/// <summary><c>GET /api/search</c> (the site's parameters, JSON results with labelled facets) and <c>GET /api/suggest?q=</c>.</summary>
public static class SearchApi
{
    public sealed record Hit(Guid Id, string Type, string Title, string Snippet, string Url, float Score);

    public sealed record FacetEntry(string Value, string Label, long Count, bool Selected,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FacetEntry>? Children);

    public sealed record Results(long Total, int Page, int PageSize, IReadOnlyList<Hit> Hits,
        IReadOnlyDictionary<string, IReadOnlyList<FacetEntry>> Facets,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DidYouMean,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CorrectedQuery);

    /// <summary>
    /// Serialised from source-generated metadata. Any script is written as itself (escaped, Arabic or Chinese text takes
    /// 6 bytes a character instead of 2-3); HTML-sensitive characters stay escaped.
    /// </summary>
    private static readonly JsonTypeInfo<Results> ResultsJson = (JsonTypeInfo<Results>)new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        TypeInfoResolver = SearchJsonContext.Default,
    }.GetTypeInfo(typeof(Results));

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/search", SearchAsync);
        endpoints.MapGet("/api/suggest", SuggestAsync);
        return endpoints;
    }

    private static async Task<IResult> SearchAsync(HttpContext context, ISearchEngine engine, SearchLabels labels, IOptions<SiteOptions> site, CancellationToken cancellationToken)
    {
        var query = SearchQuery.Read(context.Request.Query, site.Value.PageSize, SearchAudience.Of(context.User));
        if (!query.IsValid)
        {
            return Invalid(query.Parameter!, query.Problem!);
        }

        if (!LabelLanguage(context, out var language))
        {
            return Invalid("lang", $"lang is one of {string.Join(", ", TaxonomyKinds.Languages)}.");
        }

        var result = await engine.SearchAsync(query.Request, cancellationToken);
        var label = labels.For(language);
        var baseUrl = context.Request.PathBase;
        return TypedResults.Json(new Results(
            result.Total, query.Request.Page, query.Request.PageSize,
            result.Hits.Select(h => new Hit(h.Id, h.Type, h.Title, h.Snippet, baseUrl + h.Path, h.Score)).ToList(),
            result.Facets.ToDictionary(f => f.Key, f => (IReadOnlyList<FacetEntry>)Labelled(f.Key, f.Value, label)),
            result.DidYouMean, result.CorrectedQuery), ResultsJson);
    }

    private static List<FacetEntry> Labelled(string facet, IReadOnlyList<FacetValue> values, Func<string, string, string> label) =>
        values.Select(v => new FacetEntry(v.Value, label(facet, v.Value), v.Count, v.Selected,
            v.Children is null ? null : Labelled(ChildOf(facet), v.Children, label))).ToList();

    /// <summary>
    /// The language of the facets' labels: <c>lang</c> when given (one of the six UN languages), else the request's
    /// culture (the <c>/fr/</c> prefix, the culture cookie, then Accept-Language).
    /// </summary>
    internal static bool LabelLanguage(HttpContext context, out string language)
    {
        var asked = context.Request.Query["lang"];
        if (asked.Count == 0)
        {
            language = TaxonomyLabels.CurrentLanguage;
            return true;
        }

        language = TaxonomyLabels.LanguageOf(asked.ToString());
        return asked.Count == 1 && TaxonomyKinds.Languages.Contains(language);
    }

    private static string ChildOf(string facet) => Facets.ChildOf[facet];

    private static async Task<IResult> SuggestAsync(HttpContext context, ISearchEngine engine, CancellationToken cancellationToken)
    {
        var text = context.Request.Query["q"].ToString();
        if (text.Length > 100)
        {
            return Invalid("q", "q is longer than 100 characters.");
        }

        var suggestions = await engine.SuggestAsync(text, SearchAudience.Of(context.User), 8, cancellationToken);
        return TypedResults.Ok(suggestions.Select(s => new { s.Text, s.Kind, Url = s.Url is null ? null : context.Request.PathBase + s.Url }));
    }

    private static ProblemHttpResult Invalid(string parameter, string detail) => TypedResults.Problem(
        detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid parameter",
        extensions: new Dictionary<string, object?> { ["parameter"] = parameter });
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SearchApi.Results))]
internal sealed partial class SearchJsonContext : JsonSerializerContext;
