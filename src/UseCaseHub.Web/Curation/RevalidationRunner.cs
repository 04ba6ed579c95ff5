using Microsoft.Extensions.Options;
using UseCaseHub.Core.Revalidation;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Curation;

/// <summary>One re-validation scan at the clock's now: what the background worker and the <c>revalidate</c> command both run.</summary>
public sealed class RevalidationRunner(HubDbContext db, IOptions<WorkflowOptions> options, WorkflowClock clock)
{
    public Task<RevalidationReport> RunAsync(CancellationToken cancellationToken = default) =>
        Revalidation.ScanAsync(db, options.Value, clock.GetUtcNow(), cancellationToken);
}

/// <summary>
/// Runs the scan every <see cref="WorkflowOptions.RevalidationScanMinutes"/>. The first run waits one interval too, so a
/// start (or a test host) never rewrites flags before anyone asked; <c>dotnet run -- revalidate</c> runs it at once.
/// </summary>
internal sealed class RevalidationWorker(IServiceScopeFactory scopes, IOptions<WorkflowOptions> options, WorkflowClock clock, ILogger<RevalidationWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.RevalidationScanMinutes), clock.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    var report = await scope.ServiceProvider.GetRequiredService<RevalidationRunner>().RunAsync(stoppingToken);
                    if (report.Due.Count + report.Overdue.Count > 0)
                    {
                        logger.LogInformation("Re-validation: {Due} entries asked of their owners, {Overdue} handed to curators", report.Due.Count, report.Overdue.Count);
                    }
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    logger.LogError(error, "Re-validation scan failed; it runs again at the next interval");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
