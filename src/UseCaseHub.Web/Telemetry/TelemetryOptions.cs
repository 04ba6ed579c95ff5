using System.ComponentModel.DataAnnotations;

namespace UseCaseHub.Web.Telemetry;

/// <summary>Logs, traces and metrics (section <c>Telemetry</c>).</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Telemetry";

    /// <summary>One JSON object a log line on the console, with scopes (request id, trace id, path): for log shippers.</summary>
    public bool JsonLogs { get; set; }

    /// <summary>
    /// An OpenTelemetry collector (OTLP, e.g. <c>http://otel-collector:4317</c>). Traces are recorded only when one is set
    /// (or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is), since nobody would read them otherwise; metrics go there too.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    public MetricsScrapeOptions Metrics { get; set; } = new();

    /// <summary>How often the queue gauges (outbox, mail) are read from the store.</summary>
    [Range(1, 3600)]
    public int QueueSampleSeconds { get; set; } = 15;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var network in Metrics.AllowedNetworks)
        {
            if (!System.Net.IPNetwork.TryParse(network, out _))
            {
                yield return new ValidationResult(
                    $"Telemetry:Metrics:AllowedNetworks: '{network}' is not an address range such as 10.0.0.0/8 or ::1/128.");
            }
        }

        if (!string.IsNullOrEmpty(Metrics.Token) && Metrics.Token.Length < 32)
        {
            yield return new ValidationResult("Telemetry:Metrics:Token must be at least 32 characters (a random secret), or empty.");
        }
    }
}

/// <summary>The Prometheus scrape endpoint and who may read it.</summary>
public sealed class MetricsScrapeOptions
{
    public bool Enabled { get; set; } = true;

    public string Path { get; set; } = "/metrics";

    /// <summary>Callers from these ranges may scrape without a token (loopback by default).</summary>
    public string[] AllowedNetworks { get; set; } = ["127.0.0.1/32", "::1/128"];

    /// <summary>Any caller presenting <c>Authorization: Bearer &lt;token&gt;</c> may scrape; empty turns tokens off.</summary>
    public string? Token { get; set; }
}
