using UseCaseHub.Core.Store;

namespace UseCaseHub.Core.Attachments;

/// <summary>
/// Attachments as files under <c>Attachments:Path</c> (default <c>{data}/attachments</c>; a shared folder when several
/// hosts serve one store); written to a temporary name and moved in place when complete.
/// </summary>
public sealed class FileAttachmentStore(HubPaths paths, Microsoft.Extensions.Options.IOptions<AttachmentOptions> options) : IAttachmentStore
{
    private readonly string _root = options.Value.FolderUnder(paths.Data);

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial-" + Guid.NewGuid().ToString("N");
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
            }

            File.Move(partial, path, overwrite: false);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public Task<Stream?> OpenAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        return Task.FromResult<Stream?>(File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true)
            : null);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    /// <summary>Only keys of the hub's own shape become paths, so no key can name a file outside the folder.</summary>
    private string PathOf(string key) => AttachmentKeys.IsValid(key)
        ? Path.Combine(_root, key[..2], key[3..])
        : throw new ArgumentException($"'{key}' is not an attachment key.", nameof(key));
}
