using Microsoft.Extensions.Options;
using UseCaseHub.Core.Notifications;

namespace UseCaseHub.Web.Curation;

/// <summary>Sends queued notification mail: when a save queues some, and every <see cref="NotificationMailOptions.PollSeconds"/> for retries.</summary>
internal sealed class NotificationMailWorker(IServiceScopeFactory scopes, IOptions<NotificationMailOptions> options, ILogger<NotificationMailWorker> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SendInBackground)
        {
            return;
        }

        void Wake(object? sender, EventArgs e) => _wake.Release();
        NotificationDeriver.MailQueued += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    var (sent, failed) = await scope.ServiceProvider.GetRequiredService<NotificationMailer>().SendDueAsync(stoppingToken);
                    if (sent > 0 && failed == 0 && sent == options.Value.BatchSize)
                    {
                        continue;
                    }
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    logger.LogError(error, "Notification mail run failed; the queue is kept and retried");
                }

                await _wake.WaitAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), stoppingToken);
                // Several saves may have woken us: one run takes them all.
                while (_wake.CurrentCount > 0)
                {
                    await _wake.WaitAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            NotificationDeriver.MailQueued -= Wake;
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
