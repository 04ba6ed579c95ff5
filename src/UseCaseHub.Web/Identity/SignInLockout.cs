using Microsoft.Extensions.Caching.Memory;

namespace UseCaseHub.Web.Identity;

/// <summary>
/// Failed password sign-ins counted per account AND client address: after <see cref="MaxFailures"/> within
/// <see cref="Window"/>, that address may not sign in to that account until the window has passed.
/// </summary>
/// <remarks>
/// Why not Identity's per-account lockout: anyone who knows the admin's email could keep the admin locked out by
/// typing wrong passwords. Why not a growing per-account delay: it still slows the real owner down during an
/// attack. Per account and address, an attacker locks out only themselves, and the per-address form rate limit
/// caps how fast any one address guesses. The counts live in this process's memory (bounded): several hosts behind
/// a load balancer each count their own, which only multiplies an attacker's budget by the number of hosts.
/// </remarks>
public sealed class SignInLockout : IDisposable
{
    public const int MaxFailures = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly MemoryCache _failures = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public bool IsLocked(string email, string? address) =>
        _failures.TryGetValue(Key(email, address), out Counter? counter) && counter!.Count >= MaxFailures;

    public void Failed(string email, string? address)
    {
        var counter = _failures.GetOrCreate(Key(email, address), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Window;
            entry.Size = 1;
            return new Counter();
        })!;
        Interlocked.Increment(ref counter.Count);
    }

    public void Succeeded(string email, string? address) => _failures.Remove(Key(email, address));

    public void Dispose() => _failures.Dispose();

    private static string Key(string email, string? address) => $"{email.Trim().ToUpperInvariant()}|{address}";

    private sealed class Counter
    {
        public int Count;
    }
}
