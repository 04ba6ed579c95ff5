using Microsoft.Extensions.Options;
using UseCaseHub.Core.Statistics;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Insights;

/// <summary>
/// Writes the counted views and downloads every <see cref="InsightsOptions.FlushSeconds"/> and once more when the host
/// stops, so a request never waits for a database write and a clean shutdown loses nothing. A failed or cancelled write puts
/// the counts back for the next turn.
/// </summary>
internal sealed partial class StatisticsFlusher(IServiceScopeFactory scopes, EntryCounter counter, IOptions<InsightsOptions> options,
    ILogger<StatisticsFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.FlushSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(CancellationToken.None);
    }

    /// <summary>Writes every pending count now (also called by tests through the hosted service).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var counts = counter.Drain();
        if (counts.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await EntryStatistics.FlushAsync(scope.ServiceProvider.GetRequiredService<HubDbContext>(), counts, cancellationToken);
        }
        catch (Exception exception)
        {
            // The write is one transaction: whatever stopped it (the store, or shutdown cancelling it), nothing of it was
            // kept, so the counts go back and the next flush (at the latest the one StopAsync makes) writes them.
            counter.Return(counts);
            if (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogFlushFailed(logger, exception, counts.Count);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} entry statistics rows failed; they are kept for the next flush.")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, int count);
}
