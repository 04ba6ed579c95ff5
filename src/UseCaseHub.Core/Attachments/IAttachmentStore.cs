namespace UseCaseHub.Core.Attachments;

/// <summary>
/// Where attachment bytes live, by key: a folder under the data directory today (<see cref="FileAttachmentStore"/>), an
/// object store later. Keys are made by the hub (<see cref="AttachmentKeys"/>), never from a caller's input.
/// </summary>
public interface IAttachmentStore
{
    /// <summary>Writes the whole stream under the key; nothing is visible under the key until it is complete.</summary>
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>The stored bytes, or null when the key holds nothing.</summary>
    Task<Stream?> OpenAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes the bytes; a missing key is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

/// <summary>Storage keys: <c>ab/abcdef…</c> (a fan-out folder and a random id), safe as a path and as an object name.</summary>
public static class AttachmentKeys
{
    public static string New()
    {
        var id = Guid.NewGuid().ToString("N");
        return $"{id[..2]}/{id}";
    }

    public static bool IsValid(string key) =>
        key is { Length: 35 } && key[2] == '/' && key.AsSpan(0, 2).SequenceEqual(key.AsSpan(3, 2))
        && key.Where((c, i) => i != 2).All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
