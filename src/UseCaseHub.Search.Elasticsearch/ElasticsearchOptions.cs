using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Elasticsearch;

/// <summary>How the host reaches Elasticsearch (<c>Search:Elasticsearch</c>); read only when <c>Search:Engine</c> is <c>Elasticsearch</c>.</summary>
public sealed class ElasticsearchOptions
{
    public const string Section = "Search:Elasticsearch";

    /// <summary>The cluster's address, e.g. <c>https://search.internal:9200</c>.</summary>
    public Uri? Url { get; set; }

    /// <summary>An API key (the base64 "encoded" form); or <see cref="Username"/> and <see cref="Password"/>.</summary>
    public string? ApiKey { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The SHA-256 fingerprint of the cluster's CA certificate (a self-signed cluster's HTTPS).</summary>
    public string? CertificateFingerprint { get; set; }

    /// <summary>Index names start with it: the alias is the prefix itself, versions <c>prefix-yyyyMMddHHmmssfff</c>, state <c>prefix-meta</c>.</summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9_-]{0,60}$", ErrorMessage = "Search:Elasticsearch:IndexPrefix must be lower-case letters, digits, '-' or '_'.")]
    public string IndexPrefix { get; set; } = "usecasehub";

    /// <summary>How long one request may take before it is retried or reported as unavailable.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries (on another node, with the transport's back-off) before search is reported unavailable.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>
    /// The Chinese analyzer: <c>smartcn</c> needs the <c>analysis-smartcn</c> plugin on every node; <c>cjk</c> (bigrams,
    /// built in) works everywhere and is the default.
    /// </summary>
    [RegularExpression("^(smartcn|cjk)$", ErrorMessage = "Search:Elasticsearch:ChineseAnalyzer must be 'smartcn' or 'cjk'.")]
    public string ChineseAnalyzer { get; set; } = "cjk";

    /// <summary>Documents per bulk request when rebuilding.</summary>
    [Range(1, 10_000)]
    public int BulkSize { get; set; } = 500;
}

/// <summary>The rules that hold only when Elasticsearch is the chosen engine: a URL, one way to authenticate.</summary>
internal sealed class ElasticsearchOptionsValidation(IOptions<SearchOptions> search) : IValidateOptions<ElasticsearchOptions>
{
    public ValidateOptionsResult Validate(string? name, ElasticsearchOptions options)
    {
        if (!string.Equals(search.Value.Engine, ElasticsearchSearchEngine.EngineName, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.Url is null || !options.Url.IsAbsoluteUri || options.Url.Scheme is not ("http" or "https"))
        {
            failures.Add("Search:Engine is Elasticsearch but Search:Elasticsearch:Url is not set to an http(s) address (e.g. https://elasticsearch:9200).");
        }

        if (!string.IsNullOrEmpty(options.ApiKey) && !string.IsNullOrEmpty(options.Username))
        {
            failures.Add("Search:Elasticsearch: set ApiKey or Username/Password, not both.");
        }

        if (string.IsNullOrEmpty(options.Username) != string.IsNullOrEmpty(options.Password))
        {
            failures.Add("Search:Elasticsearch: Username and Password go together.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
