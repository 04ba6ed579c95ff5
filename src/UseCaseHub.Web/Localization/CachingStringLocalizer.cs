using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace UseCaseHub.Web.Localization;

/// <summary>
/// The resource-file localizers behind a cache of looked-up strings per UI culture. <c>ResourceManager.GetString</c>
/// takes a lock on every call, and the search page asks for dozens of strings: under eight concurrent readers on two
/// cores, a third of the page's rendering time was spent waiting for that lock. Resource files do not change while the
/// host runs, so a cached string is the string.
/// </summary>
/// <remarks>
/// One caching localizer per resource-file localizer, kept for the host's life: <c>IStringLocalizer&lt;T&gt;</c> and
/// the view localizer are made per request and ask the factory each time, so a wrapper made per call cached nothing
/// (every lookup still took the lock). The inner factory keeps one localizer per resource file, so this map is as small.
/// </remarks>
internal sealed class CachingStringLocalizerFactory(ResourceManagerStringLocalizerFactory inner) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<IStringLocalizer, CachingStringLocalizer> _localizers = new(ReferenceEqualityComparer.Instance);

    public IStringLocalizer Create(Type resourceSource) => Cached(inner.Create(resourceSource));

    public IStringLocalizer Create(string baseName, string location) => Cached(inner.Create(baseName, location));

    private CachingStringLocalizer Cached(IStringLocalizer localizer) => _localizers.GetOrAdd(localizer, l => new CachingStringLocalizer(l));
}

internal sealed class CachingStringLocalizer(IStringLocalizer inner) : IStringLocalizer
{
    /// <summary>Names are the code's own (a few hundred, times six cultures); a name beyond this is looked up uncached.</summary>
    private const int MaxCached = 20_000;

    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _strings = new();

    public LocalizedString this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            var key = (CultureInfo.CurrentUICulture.Name, name);
            if (_strings.TryGetValue(key, out var found))
            {
                return found;
            }

            var looked = inner[name];
            if (_strings.Count < MaxCached)
            {
                _strings.TryAdd(key, looked);
            }

            return looked;
        }
    }

    /// <summary>As the resource-file localizer formats: the current culture's rules, the name itself when no resource has it.</summary>
    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
}
