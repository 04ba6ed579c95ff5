using System.ComponentModel.DataAnnotations;

namespace UseCaseHub.Core.Hosts;

/// <summary>Several web hosts on one store (section <c>Hosts</c>).</summary>
public sealed class HubHostOptions
{
    public const string Section = "Hosts";

    /// <summary>
    /// This host's name in leases and index positions; empty means the machine name and process id (unique per process,
    /// which a lease holder must be; a restarted host is a new holder and waits for its old claim to lapse or be released).
    /// </summary>
    [MaxLength(100)]
    public string? Name { get; set; }

    /// <summary>How long a lease holds without renewal; the holder renews at a third of it. A dead host's jobs resume elsewhere after this.</summary>
    [Range(1, 3600)]
    public double LeaseSeconds { get; set; } = 30;

    /// <summary>
    /// A host-local index (Lucene) not seen for this long is no longer waited for when the outbox is cleaned up; when it
    /// comes back it rebuilds, since changes it missed may have been removed.
    /// </summary>
    [Range(1, 7 * 24 * 60)]
    public double IndexStaleMinutes { get; set; } = 60;

    public string HolderName() => string.IsNullOrWhiteSpace(Name)
        ? $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}"
        : Name.Trim();
}
