using System.ComponentModel.DataAnnotations;

namespace UseCaseHub.Core.Attachments;

/// <summary>Limits of attachments (section <c>Attachments</c>).</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    /// <summary>Where the files live; relative to the data folder; empty means <c>{data}/attachments</c>. Several hosts: one shared folder.</summary>
    public string? Path { get; set; }

    /// <summary>The attachments folder, <see cref="Path"/> resolved against the data folder: the one rule the store and the backup share.</summary>
    public string FolderUnder(string dataPath) =>
        System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(Path) ? "attachments" : Path, dataPath);

    /// <summary>Largest file accepted, in bytes (10 MB by default); a larger upload is refused while it is read.</summary>
    [Range(1024, 100L * 1024 * 1024)]
    public long MaxBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Files one entry may carry.</summary>
    [Range(1, 100)]
    public int MaxPerEntry { get; set; } = 10;

    /// <summary>Largest image accepted, in pixels (width × height): a small file can decode to gigabytes.</summary>
    [Range(1, 500_000_000)]
    public long MaxPixels { get; set; } = 50_000_000;
}
