using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Telemetry;

namespace UseCaseHub.Web.Telemetry;

/// <summary>
/// The outbox and mail queue sizes as gauges. A scrape must not query the store, so a background loop samples them every
/// <see cref="TelemetryOptions.QueueSampleSeconds"/> and the gauges read the last sample.
/// </summary>
internal sealed class QueueGauges : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<TelemetryOptions> _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<QueueGauges> _logger;
    private readonly SearchIndexer _indexer;
    private HubQueues? _last;

    public QueueGauges(IServiceScopeFactory scopes, IOptions<TelemetryOptions> options, TimeProvider clock, ILogger<QueueGauges> logger,
        IMeterFactory meters, SearchIndexer indexer)
    {
        (_scopes, _options, _clock, _logger, _indexer) = (scopes, options, clock, logger, indexer);
        // The host's meter factory, not the static meter: the gauges end with this host (tests run several in one process).
        var meter = meters.Create(HubTelemetry.Name);
        meter.CreateObservableGauge("usecasehub.outbox.pending", () => Last?.OutboxPending ?? 0, "{change}",
            "Changes waiting to be indexed.");
        meter.CreateObservableGauge("usecasehub.outbox.lag", () => Last?.OutboxLag(_clock.GetUtcNow()).TotalSeconds ?? 0, "s",
            "Age of the oldest change waiting to be indexed.");
        meter.CreateObservableGauge("usecasehub.mail.pending", () => Last?.MailPending ?? 0, "{mail}",
            "Notification mails waiting to be sent.");
    }

    public HubQueues? Last => Volatile.Read(ref _last);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(_options.Value.QueueSampleSeconds);
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                Volatile.Write(ref _last, await HubQueues.ReadAsync(scope.ServiceProvider.GetRequiredService<HubDbContext>(), _indexer, stoppingToken));
                failing = false;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Once per outage, not every sample: the readiness check reports the store's state.
                if (!failing)
                {
                    _logger.LogWarning(exception, "Could not read the queue sizes for the metrics; retrying every {Seconds} s.", every.TotalSeconds);
                }

                failing = true;
            }

            try
            {
                await Task.Delay(every, _clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
