using System.Collections;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Rules;
using UseCaseHub.Core.Taxonomies;

namespace UseCaseHub.Web.Api;

/// <summary>
/// What a caller may change on an entry and how a payload becomes a valid draft: editable fields are
/// copied, tags given by key (<c>"Sdgs":[{"Number":6}]</c>) are resolved against the taxonomies, and
/// every problem is reported against the field that has it.
/// </summary>
public sealed class EntryEditor(ApiDbContext db)
{
    /// <summary>Plain fields a caller writes; everything else (Id, Pid, Status, dates, stamp) the hub owns.</summary>
    private static readonly HashSet<string> Fields =
    [
        nameof(Entry.Title), nameof(Entry.Summary), nameof(Entry.Body), nameof(Entry.Language), nameof(Entry.Slug),
        nameof(Entry.Licence), nameof(Entry.Contact), nameof(Entry.Sources), nameof(Entry.Links),
        nameof(UseCase.Stage), nameof(UseCase.StartYear), nameof(UseCase.Scale), nameof(UseCase.Interoperability),
        nameof(UseCase.DataAndIdentifiers), nameof(UseCase.SecurityAndTrust), nameof(UseCase.LessonsLearned),
    ];

    /// <summary>Tag collections, given by key.</summary>
    private static readonly HashSet<string> Tags =
    [
        nameof(Entry.Sdgs), nameof(Entry.SdgTargets), nameof(Entry.Verticals), nameof(Entry.Countries),
        nameof(Entry.Technologies), nameof(Entry.Standards), nameof(Entry.Partners), nameof(BestPractice.DrawsOn),
    ];

    public static bool IsEditable(string property) => Fields.Contains(property) || Tags.Contains(property);

    /// <summary>Copies the named fields and tags of <paramref name="source"/> onto the tracked <paramref name="target"/>.</summary>
    public async Task<List<FieldError>> ApplyAsync<T>(T target, T source, IEnumerable<string> properties, CancellationToken cancellationToken)
        where T : Entry
    {
        var errors = new List<FieldError>();
        foreach (var name in properties)
        {
            if (typeof(T).GetProperty(name) is not { } property)
            {
                continue;
            }

            if (Fields.Contains(name))
            {
                property.SetValue(target, property.GetValue(source) ?? DefaultOf(property));
            }
            else if (Tags.Contains(name))
            {
                await ResolveTagsAsync(target, name, (IEnumerable?)property.GetValue(source) ?? Array.Empty<object>(), errors, cancellationToken);
            }
        }

        return errors;
    }

    private static object? DefaultOf(PropertyInfo property) =>
        property.PropertyType == typeof(string) ? "" :
        property.PropertyType == typeof(List<string>) ? new List<string>() :
        property.PropertyType == typeof(List<EntryLink>) ? new List<EntryLink>() :
        property.PropertyType == typeof(List<ScaleFigure>) ? new List<ScaleFigure>() : null;

    private async Task ResolveTagsAsync<T>(T target, string name, IEnumerable given, List<FieldError> errors, CancellationToken cancellationToken)
        where T : Entry
    {
        var items = given.Cast<object>().ToList();
        switch (name)
        {
            case nameof(Entry.Sdgs):
                target.Sdgs = await FindAsync(db.SdgGoals, items.Cast<SdgGoal>().Select(g => g.Number), g => g.Number, name, "SDG", errors, cancellationToken);
                break;
            case nameof(Entry.SdgTargets):
                target.SdgTargets = await FindAsync(db.SdgTargets, items.Cast<SdgTarget>().Select(t => t.Code), t => t.Code, name, "SDG target", errors, cancellationToken);
                break;
            case nameof(Entry.Verticals):
                target.Verticals = await FindAsync(db.Verticals, items.Cast<Vertical>().Select(v => v.Slug), v => v.Slug, name, "vertical", errors, cancellationToken);
                break;
            case nameof(Entry.Countries):
                target.Countries = await FindAsync(db.Countries, items.Cast<Country>().Select(c => c.Iso2.ToUpperInvariant()), c => c.Iso2, name, "country", errors, cancellationToken);
                break;
            case nameof(Entry.Technologies):
                target.Technologies = await FindAsync(db.Technologies, items.Cast<Technology>().Select(t => t.Slug), t => t.Slug, name, "technology", errors, cancellationToken);
                break;
            case nameof(Entry.Standards):
                target.Standards = await FindAsync(db.Standards, items.Cast<Standard>().Select(s => s.Code), s => s.Code, name, "standard", errors, cancellationToken);
                break;
            case nameof(Entry.Partners):
                target.Partners = await FindAsync(db.Organizations, items.Cast<Organization>().Select(o => o.Id), o => o.Id, name, "organisation", errors, cancellationToken);
                break;
            case nameof(BestPractice.DrawsOn) when target is BestPractice practice:
                // Only use cases the caller can see may be cited: the query filter hides the rest.
                practice.DrawsOn = await FindAsync(db.UseCases, items.Cast<UseCase>().Select(u => u.Id), u => u.Id, name, "use case", errors, cancellationToken);
                break;
            default:
                break;
        }
    }

    private static async Task<List<TTag>> FindAsync<TTag, TKey>(IQueryable<TTag> set, IEnumerable<TKey> keys, Func<TTag, TKey> keyOf,
        string field, string what, List<FieldError> errors, CancellationToken cancellationToken)
        where TTag : class
        where TKey : notnull
    {
        var wanted = keys.Distinct().ToList();
        var parameter = System.Linq.Expressions.Expression.Parameter(typeof(TTag), "t");
        var key = System.Linq.Expressions.Expression.Property(parameter, KeyName<TTag>());
        var contains = System.Linq.Expressions.Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TKey)],
            System.Linq.Expressions.Expression.Constant(wanted), key);
        var found = await set.Where(System.Linq.Expressions.Expression.Lambda<Func<TTag, bool>>(contains, parameter)).ToListAsync(cancellationToken);
        var known = found.Select(keyOf).ToHashSet();
        foreach (var missing in wanted.Where(k => !known.Contains(k)))
        {
            errors.Add(FieldError.From(EntryRules.UnknownValue(field, missing, what)));
        }

        return found;
    }

    private static string KeyName<TTag>() => typeof(TTag).Name switch
    {
        nameof(SdgGoal) => nameof(SdgGoal.Number),
        nameof(SdgTarget) or nameof(Standard) => "Code",
        nameof(Vertical) or nameof(Technology) => "Slug",
        nameof(Country) => nameof(Country.Iso2),
        _ => "Id",
    };

    /// <summary>
    /// The rulebook's checks on the whole entry, then the one check only the store can make: a slug in use.
    /// A taken slug is answered the same whether its holder is visible to the caller or not, and names no entry;
    /// a slug the hub derives from the title is made unique instead.
    /// </summary>
    public async Task ValidateAsync(Entry entry, List<FieldError> errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(errors);
        var derived = string.IsNullOrEmpty(entry.Slug);
        if (derived)
        {
            entry.Slug = await FreeSlugAsync(Slugs.From(entry.Title), entry.Id, cancellationToken);
        }

        var violations = EntryRules.Check(entry, DateTimeOffset.UtcNow);
        errors.AddRange(violations.Select(FieldError.From));
        // A revision carries its entry's slug (the entry keeps its own when the revision is applied): not a second holder.
        if (!derived && entry.RevisionOfId is null && !violations.Exists(v => v.Field == nameof(Entry.Slug))
            && await SlugTakenAsync(entry.Slug, entry.Id, cancellationToken))
        {
            errors.Add(FieldError.From(EntryRules.SlugTaken(entry.Slug)));
        }
    }

    // Every entry and every translation counts, visible or not: an address names one page across the store (a translation
    // is served at its own slug, so a new entry must never take it over).
    private async Task<bool> SlugTakenAsync(string slug, Guid id, CancellationToken cancellationToken) =>
        await db.Entries.IgnoreQueryFilters().AnyAsync(e => e.Slug == slug && e.Id != id && e.RevisionOfId == null, cancellationToken)
        || await db.EntryTranslations.IgnoreQueryFilters().AnyAsync(t => t.Slug == slug, cancellationToken);

    private async Task<string> FreeSlugAsync(string slug, Guid id, CancellationToken cancellationToken)
    {
        if (slug.Length == 0 || !await SlugTakenAsync(slug, id, cancellationToken))
        {
            return slug;
        }

        // A short random suffix rather than -2, -3...: the suffix then says nothing about how many hidden entries share the title.
        var stem = slug.Length > Slugs.MaxLength - 7 ? slug[..(Slugs.MaxLength - 7)].TrimEnd('-') : slug;
        string candidate;
        do
        {
            candidate = $"{stem}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))}";
        }
        while (await SlugTakenAsync(candidate, id, cancellationToken));
        return candidate;
    }
}
