using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace UseCaseHub.Core.Store;

/// <summary>The hub's directories as absolute paths.</summary>
public sealed class HubPaths(IOptions<HubOptions> options, IHostEnvironment environment)
{
    public string Data { get; } = Resolve(options.Value.DataPath, environment.ContentRootPath);
    public string Content { get; } = Resolve(options.Value.ContentPath, environment.ContentRootPath);
    public string Seeds { get; } = Resolve(options.Value.SeedsPath, environment.ContentRootPath);

    private static string Resolve(string path, string root) => Path.GetFullPath(Path.Combine(root, path));
}
