using System.Net.Mime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Attachments;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Attachments;

/// <summary>Files on entries: the store, the rules' service, and the download endpoint <c>/attachments/{id}/{name}</c>.</summary>
public static class AttachmentsExtensions
{
    public const string DownloadPrefix = "/attachments";

    /// <summary>The content security policy of a served file: nothing in it may run, load or be framed (as raw file hosts do).</summary>
    public const string FilePolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'";

    public static IServiceCollection AddHubAttachments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AttachmentOptions>().Bind(configuration.GetSection(AttachmentOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        // Swap for an object store here; everything else speaks to the interface.
        services.AddSingleton<IAttachmentStore, FileAttachmentStore>();
        services.AddScoped<AttachmentService>();
        return services;
    }

    public static string PathOf(Attachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return $"{DownloadPrefix}/{attachment.Id}/{Uri.EscapeDataString(attachment.Name)}";
    }

    public static WebApplication MapHubAttachments(this WebApplication app)
    {
        app.MapGet(DownloadPrefix + "/{id:guid}/{name}", DownloadAsync);
        return app;
    }

    /// <summary>
    /// Served only to whoever may see the entry (the one visibility rule; site cookies, as every site page: a bearer token
    /// alone counts as anonymous here). Not found and not allowed are the same 404, so a file's existence is not told.
    /// </summary>
    private static async Task<IResult> DownloadAsync(Guid id, string name, HttpContext context, HubDbContext db, IAttachmentStore store,
        CancellationToken cancellationToken)
    {
        var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        var status = attachment is null ? null : await db.Entries.AsNoTracking().VisibleTo(context.User)
            .Where(e => e.Id == attachment.EntryId).Select(e => (EntryStatus?)e.Status).FirstOrDefaultAsync(cancellationToken);
        if (attachment is null || status is null)
        {
            return Results.NotFound();
        }

        if (!string.Equals(name, attachment.Name, StringComparison.Ordinal))
        {
            return Results.Redirect(PathOf(attachment));
        }

        var content = await store.OpenAsync(attachment.StorageKey, cancellationToken);
        if (content is null)
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        // A public entry's file may be cached anywhere; anything else only by this browser, never by a shared cache.
        var isPublic = EntryStatuses.Public.Contains(status.Value);
        headers.CacheControl = isPublic ? "public, max-age=3600" : "private, no-store";
        if (isPublic)
        {
            // Counted for the entry's statistics (in memory; robots and HEAD requests are not counted).
            context.RequestServices.GetService<Insights.EntryTraffic>()?.Download(context, attachment.EntryId);
        }

        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        // Images are shown in the browser; a PDF is downloaded (browsers refuse to render PDFs under a sandbox policy).
        headers.ContentDisposition = new ContentDispositionHeaderValue(attachment.IsImage ? DispositionTypeNames.Inline : DispositionTypeNames.Attachment)
        {
            FileNameStar = attachment.Name,
        }.ToString();
        return Results.Stream(content, attachment.ContentType, entityTag: new EntityTagHeaderValue($"\"{attachment.Sha256}\""));
    }
}
