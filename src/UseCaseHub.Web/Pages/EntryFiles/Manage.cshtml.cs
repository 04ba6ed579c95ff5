using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Attachments;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Pages.EntryFiles;

/// <summary>
/// An entry's files: list, add, remove (<c>/submit/{id}/attachments</c>), for whoever may edit the entry (the workflow's
/// rule, asked by <see cref="AttachmentService"/>). The upload is read as a stream, section by section, so a file is
/// never buffered whole by the form reader; for that the antiforgery token is checked by hand, read from the form's first
/// field (the framework's check would read the whole form first).
/// </summary>
[Authorize]
[IgnoreAntiforgeryToken]
public sealed class ManageModel(HubDbContext db, AttachmentService attachments, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions,
    IOptions<AttachmentOptions> options, IStringLocalizer<SharedResource> text) : PageModel
{
    public const string FileField = "file";

    public Entry Entry { get; private set; } = null!;

    public IReadOnlyList<Attachment> Files { get; private set; } = [];

    public AttachmentOptions Limits => options.Value;

    /// <summary>What happened on the last post, shown above the list.</summary>
    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } failure)
        {
            return failure;
        }

        Message = Request.Query["done"].ToString() switch
        {
            "added" => text["The file was added."].Value,
            "removed" => text["The file was removed."].Value,
            _ => null,
        };
        return Page();
    }

    /// <summary>The upload: no model binding (it would read the whole form), sections read as they arrive.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        // The request as a whole may be a little larger than a file (the token, the multipart framing), never much more.
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = Limits.MaxBytes + (64 * 1024);
        }

        if (!MediaTypeHeaderValue.TryParse(Request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return BadRequest();
        }

        var reader = new MultipartReader(boundary, Request.Body) { BodyLengthLimit = Limits.MaxBytes + (64 * 1024) };
        var section = await reader.ReadNextSectionAsync(cancellationToken);
        if (section is null || FieldName(section) != "__RequestVerificationToken" || !await ValidTokenAsync(await section.ReadAsStringAsync(cancellationToken)))
        {
            return BadRequest();
        }

        if (await LoadAsync() is { } failure)
        {
            return failure;
        }

        section = await reader.ReadNextSectionAsync(cancellationToken);
        if (section is null || FieldName(section) != FileField || section.GetContentDispositionHeader() is not { } disposition
            || !disposition.IsFileDisposition() || string.IsNullOrEmpty(disposition.FileName.Value ?? disposition.FileNameStar.Value))
        {
            return await ShowAsync(text["Choose a file to add."]);
        }

        var outcome = await attachments.AddAsync(Entry, Actor.From(User), AuditActor.From(User),
            disposition.FileNameStar.Value ?? disposition.FileName.Value, section.Body, cancellationToken);
        return outcome.Succeeded ? Done("added") : await ShowAsync(Describe(outcome));
    }

    public async Task<IActionResult> OnPostRemoveAsync()
    {
        if (!await ValidTokenAsync(null))
        {
            return BadRequest();
        }

        if (await LoadAsync() is { } failure)
        {
            return failure;
        }

        var id = Guid.TryParse(Request.Form["attachment"], out var given) ? given : Guid.Empty;
        var outcome = await attachments.RemoveAsync(Entry, Actor.From(User), AuditActor.From(User), id, HttpContext.RequestAborted);
        return outcome.Succeeded ? Done("removed") : await ShowAsync(Describe(outcome));
    }

    /// <summary>The entry if the caller may see it (else 404) and change its files (else 403).</summary>
    private async Task<IActionResult?> LoadAsync()
    {
        var id = Guid.TryParse(RouteData.Values["id"]?.ToString(), out var given) ? given : Guid.Empty;
        var entry = await db.Entries.VisibleTo(User).FirstOrDefaultAsync(e => e.Id == id, HttpContext.RequestAborted);
        if (entry is null)
        {
            return NotFound();
        }

        if (!AttachmentService.MayChange(entry, Actor.From(User)))
        {
            return Forbid();
        }

        Entry = entry;
        Files = await attachments.ListAsync(entry.Id, HttpContext.RequestAborted);
        return null;
    }

    /// <summary>The token from the upload's first field (passed as the header the check reads first), or from the form.</summary>
    private async Task<bool> ValidTokenAsync(string? token)
    {
        if (token is not null && antiforgeryOptions.Value.HeaderName is { } header)
        {
            Request.Headers[header] = token;
        }

        try
        {
            await antiforgery.ValidateRequestAsync(HttpContext);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    private async Task<IActionResult> ShowAsync(string message)
    {
        Message = message;
        Failed = true;
        Files = await attachments.ListAsync(Entry.Id, HttpContext.RequestAborted);
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }

    private RedirectResult Done(string done) => Redirect($"{Request.PathBase}/submit/{Entry.Id}/attachments?done={done}");

    private string Describe(AttachmentOutcome outcome) => outcome.Problem switch
    {
        AttachmentProblem.TooMany => text["An entry may carry at most {0} files.", Limits.MaxPerEntry],
        AttachmentProblem.TooLarge => text["The file is larger than the limit of {0} MB.", Limits.MaxBytes / (1024 * 1024)],
        AttachmentProblem.Empty => text["The file is empty."],
        AttachmentProblem.Executable => text["The file is a program; only PDF, PNG, JPEG and WebP files are accepted."],
        AttachmentProblem.Markup => text["HTML, SVG and XML files are not accepted; only PDF, PNG, JPEG and WebP files are."],
        AttachmentProblem.Unreadable => text["The file does not decode as the image it claims to be."],
        AttachmentProblem.NotFound => text["The entry has no such file."],
        AttachmentProblem.NotPermitted => outcome.Message!,
        _ => text["Only PDF, PNG, JPEG and WebP files are accepted (the type is read from the file's content, not its name)."],
    };

    private static string? FieldName(MultipartSection section) =>
        section.GetContentDispositionHeader()?.Name.Value is { } name ? HeaderUtilities.RemoveQuotes(name).Value : null;
}
