using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore.Diagnostics;
using UseCaseHub.Web.Errors;

namespace UseCaseHub.Web.Operations;

/// <summary>
/// The current storage fault, logged once when it starts (with its cause) and once when a write succeeds again, so a
/// full disk under load writes two lines, not one per request.
/// </summary>
public sealed class StorageFaultMonitor(ILogger<StorageFaultMonitor> logger)
{
    private int _current;

    public StorageFault Current => (StorageFault)Volatile.Read(ref _current);

    public void Report(StorageFault fault, Exception cause)
    {
        if (Interlocked.Exchange(ref _current, (int)fault) != (int)fault)
        {
            logger.LogError(cause, "Storage fault: {Fault}. Writes answer 503 until it clears; reads go on. {Explanation}",
                fault, StorageFaults.Explanation(fault));
        }
    }

    /// <summary>A write reached the store: the fault, if any, is over.</summary>
    public void Cleared()
    {
        if (Volatile.Read(ref _current) != (int)StorageFault.None
            && (StorageFault)Interlocked.Exchange(ref _current, (int)StorageFault.None) is var was and not StorageFault.None)
        {
            logger.LogWarning("Storage fault {Fault} cleared: writes succeed again", was);
        }
    }
}

/// <summary>
/// A request that failed on a storage fault answers 503 with <c>Retry-After</c>: an RFC 7807 problem on the API (handled
/// here, so the framework does not log it again per request), the friendly error page on the site (see the Error page).
/// </summary>
internal sealed class StorageFaultHandler(StorageFaultMonitor monitor, IProblemDetailsService problems) : IExceptionHandler
{
    public const int RetryAfterSeconds = 30;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var fault = StorageFaults.Classify(exception);
        if (fault == StorageFault.None)
        {
            return false;
        }

        monitor.Report(fault, exception);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!httpContext.Request.Path.IsApiPath())
        {
            return false; // the site's error page takes it from here, with the status set above
        }

        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Detail = StorageFaults.Explanation(fault),
            Extensions = { ["code"] = StorageFaults.Code(fault) },
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}

public static class OperationsExtensions
{
    /// <summary>Storage faults (full disk, read-only folder, locked database) answered as 503 and logged once.</summary>
    public static IServiceCollection AddHubOperations(this IServiceCollection services)
    {
        services.AddSingleton<StorageFaultMonitor>();
        services.AddExceptionHandler<StorageFaultHandler>();
        // Only a save that reached the store ends a fault: a rejected request (400, 403, a re-rendered form) proves nothing.
        services.AddSingleton<IInterceptor, StorageFaultClearing>();
        return services;
    }
}

/// <summary>A save that wrote rows ends the current storage fault (see <see cref="StorageFaultMonitor.Cleared"/>).</summary>
internal sealed class StorageFaultClearing(StorageFaultMonitor monitor) : SaveChangesInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Clear(result);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Clear(result);
        return ValueTask.FromResult(result);
    }

    private void Clear(int written)
    {
        if (written > 0)
        {
            monitor.Cleared();
        }
    }
}
