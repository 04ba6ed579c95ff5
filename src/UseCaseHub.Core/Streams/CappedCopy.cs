namespace UseCaseHub.Core.Streams;

/// <summary>Reading an upload or a request body with a size cap, without ever reading past it.</summary>
public static class CappedCopy
{
    /// <summary>Copies at most <paramref name="max"/> bytes; false as soon as one more arrives (the rest is never read).</summary>
    public static async Task<bool> CopyCappedAsync(Stream from, Stream to, long max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > max)
            {
                return false;
            }

            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return true;
    }
}
