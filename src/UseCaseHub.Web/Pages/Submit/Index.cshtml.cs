using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Markdown;
using UseCaseHub.Core.Rules;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Workflow;
using UseCaseHub.Web.Api;
using UseCaseHub.Web.Submit;

namespace UseCaseHub.Web.Pages.Submit;

/// <summary>
/// The member's submission form: <c>/submit</c> (choose the kind, then write) and <c>/submit/{id}</c> (edit a draft or
/// a returned entry). The page only translates: the API's <see cref="EntryEditor"/> resolves the tags and runs the
/// rulebook, <see cref="EntryWorkflow"/> says who may edit, submit, withdraw or delete, and every write is audited in
/// the same save. The store is the API's context, so only entries the caller may see are found (another
/// organisation's draft is a 404, as in the API).
/// </summary>
[Authorize(Policy = SubmitExtensions.SubmitterPolicy)]
public sealed class SubmitModel(
    ApiDbContext db, EntryEditor editor, SubmitChoices choices, CriteriaGuidance guidance, MarkdownRenderer markdown,
    ISearchEngine search, IStringLocalizer<SharedResource> T) : PageModel
{
    public const int SimilarShown = 5;

    [BindProperty]
    public SubmitForm Form { get; set; } = new();

    /// <summary>The entry being edited; null while writing a new one.</summary>
    public Entry? Entry { get; private set; }

    /// <summary>The kind being written; null on the "choose" step.</summary>
    public EntryKind? Kind { get; private set; }

    public TaxonomyChoices Choices { get; private set; } = null!;
    public IReadOnlyList<Choice> UseCases { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Guidance { get; private set; } = new Dictionary<string, string>();

    /// <summary>Messages by form field ("" for the form as a whole), already in the reader's language.</summary>
    public Dictionary<string, List<FieldMessage>> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>A refused move or edit, said on the page (never a silent no-op).</summary>
    public string? Refusal { get; private set; }

    /// <summary>The workflow's own words about the refusal.</summary>
    public string? RefusalDetail { get; private set; }

    public string? Done { get; private set; }

    /// <summary>Server-rendered, sanitised previews of the Markdown fields (after "Preview").</summary>
    public Dictionary<string, string>? Preview { get; private set; }

    public IReadOnlyList<SearchHit> Similar { get; private set; } = [];

    public Actor Caller => Actor.From(User);

    /// <summary>Whether the form's fields may be changed now (a new entry, or the owner's side on a draft or returned entry).</summary>
    public bool Editable => Entry is null || EntryWorkflow.MayEdit(Entry, Caller);

    public bool May(EntryOperation operation) => Entry is not null && EntryWorkflow.Allows(Entry, Caller, operation);

    /// <summary>A curator or admin on an entry whose text is not theirs to change: only the tags may be fixed.</summary>
    public bool MayRetag => Entry is not null && EntryWorkflow.RightOf(Entry, Caller) == EditRight.Tags;

    public bool MayDelete => Entry is not null && EntryWorkflow.MayEdit(Entry, Caller) && Entry.Status == EntryStatus.Draft;

    public async Task<IActionResult> OnGetAsync(Guid? id, string? kind, string? done, CancellationToken cancellationToken)
    {
        Done = done;
        if (id is null)
        {
            Kind = ParseKind(kind);
            if (Kind is { } k)
            {
                Form = new SubmitForm { Language = DefaultLanguage() };
                if (k == EntryKind.UseCase)
                {
                    Form.Stage = DeploymentStage.Pilot;
                }
            }

            return await ShowAsync(cancellationToken);
        }

        if (await FindAsync(id.Value, cancellationToken) is not { } entry)
        {
            return NotFound();
        }

        Form = SubmitForm.From(entry);
        return await ShowAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostSaveAsync(Guid? id, string? kind, CancellationToken cancellationToken) =>
        SaveAsync(id, kind, submit: false, cancellationToken);

    public Task<IActionResult> OnPostSubmitAsync(Guid? id, string? kind, CancellationToken cancellationToken) =>
        SaveAsync(id, kind, submit: true, cancellationToken);

    /// <summary>Renders the Markdown fields as the entry page would, without saving anything.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(Guid? id, string? kind, CancellationToken cancellationToken)
    {
        if (!await LoadForPostAsync(id, kind, cancellationToken))
        {
            return NotFound();
        }

        Preview = new(StringComparer.Ordinal)
        {
            [nameof(SubmitForm.Body)] = markdown.ToHtml(Form.Body),
        };
        if (Kind == EntryKind.UseCase)
        {
            Preview[nameof(SubmitForm.Interoperability)] = markdown.ToHtml(Form.Interoperability);
            Preview[nameof(SubmitForm.DataAndIdentifiers)] = markdown.ToHtml(Form.DataAndIdentifiers);
            Preview[nameof(SubmitForm.SecurityAndTrust)] = markdown.ToHtml(Form.SecurityAndTrust);
            Preview[nameof(SubmitForm.LessonsLearned)] = markdown.ToHtml(Form.LessonsLearned);
        }

        return await ShowAsync(cancellationToken);
    }

    /// <summary>A curator fixes the tags of an entry in any state; the workflow decides, the editor applies only the tags.</summary>
    public async Task<IActionResult> OnPostRetagAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } entry)
        {
            return NotFound();
        }

        Entry = entry;
        Kind = entry.Kind;
        try
        {
            EntryWorkflow.EnsureMayEdit(entry, Caller, EntryWorkflow.TagFields);
        }
        catch (EntryStateException refusal)
        {
            return await RefusedAsync(entry, refusal, cancellationToken);
        }

        if (Form.Stamp is { } stamp)
        {
            db.Entry(entry).Property(e => e.ConcurrencyStamp).OriginalValue = stamp;
        }

        var before = SubmitForm.From(entry);
        var errors = entry is UseCase useCase
            ? await editor.ApplyAsync(useCase, Form.ToSource<UseCase>(), EntryWorkflow.TagFields, cancellationToken)
            : await editor.ApplyAsync((BestPractice)entry, Form.ToSource<BestPractice>(), EntryWorkflow.TagFields, cancellationToken);
        await editor.ValidateAsync(entry, errors, cancellationToken);
        if (errors.Count > 0)
        {
            errors.ForEach(AddError);
            return await ShowAsync(cancellationToken);
        }

        var changed = SubmitForm.Changed(before, SubmitForm.From(entry));
        if (changed.Count > 0)
        {
            db.Audit(AuditActor.From(User), AuditActions.EntryRetag, entry, details: new { fields = changed.ToArray() });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            AddError("", T["Someone saved this entry after you opened it. Open it again, then reapply your changes."]);
            return await ShowAsync(cancellationToken);
        }

        return Redirect(Url.Content($"~/submit/{entry.Id}?done=retagged"));
    }

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken cancellationToken) =>
        MoveAsync(id, (entry, actor, now) => EntryWorkflow.Withdraw(entry, actor, now), "withdrawn", cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } entry)
        {
            return NotFound();
        }

        try
        {
            EntryWorkflow.EnsureMayDelete(entry, Caller);
        }
        catch (EntryStateException refusal)
        {
            return await RefusedAsync(entry, refusal, cancellationToken);
        }

        db.Remove(entry);
        db.Audit(AuditActor.From(User), AuditActions.EntryDelete, entry);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect(Url.Content("~/my-entries?done=deleted"));
    }

    private async Task<IActionResult> SaveAsync(Guid? id, string? kind, bool submit, CancellationToken cancellationToken)
    {
        if (!await LoadForPostAsync(id, kind, cancellationToken))
        {
            return NotFound();
        }

        var actor = Caller;
        var before = Entry is null ? null : SubmitForm.From(Entry);
        if (Entry is not null)
        {
            try
            {
                EntryWorkflow.EnsureMayEdit(Entry, actor, [nameof(Entry.Title)]);
            }
            catch (EntryStateException refusal)
            {
                return await RefusedAsync(Entry, refusal, cancellationToken);
            }

            if (Form.Stamp is { } stamp)
            {
                // Compared by the UPDATE itself: a save made by someone else since this form was read is not overwritten.
                db.Entry(Entry).Property(e => e.ConcurrencyStamp).OriginalValue = stamp;
            }
        }

        var entry = Entry ?? NewEntry(actor);
        if (entry.OrganizationId is { } org && Entry is null && !await db.Organizations.AnyAsync(o => o.Id == org, cancellationToken))
        {
            AddError(nameof(Entry.OrganizationId), T["Unknown organisation."]);
            return await ShowAsync(cancellationToken);
        }

        var errors = Kind == EntryKind.UseCase
            ? await ApplyAsync((UseCase)entry, Form.ToSource<UseCase>(), cancellationToken)
            : await ApplyAsync((BestPractice)entry, Form.ToSource<BestPractice>(), cancellationToken);
        await editor.ValidateAsync(entry, errors, cancellationToken);
        if (Form.StartYearIsNotANumber)
        {
            errors.Add(FieldError.From(EntryRules.StartYear(int.MinValue, DateTimeOffset.UtcNow)!));
        }

        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                AddError(error);
            }

            return await ShowAsync(cancellationToken);
        }

        var audit = AuditActor.From(User);
        var changed = before is null ? [] : SubmitForm.Changed(before, SubmitForm.From(entry));
        if (Entry is null)
        {
            db.Add(entry);
            var record = db.Audit(audit, AuditActions.EntryCreate, entry);
            entry.Pid = await PidAllocator.NextAsync(db, Kind!.Value, DateTimeOffset.UtcNow, cancellationToken);
            record.SubjectLabel = $"{entry.Pid} {entry.Title}";
        }
        else if (changed.Count > 0)
        {
            entry.Version++;
            db.Audit(audit, AuditActions.EntryEdit, entry, details: new { fields = changed.ToArray() });
        }

        string? incomplete = null;
        if (submit)
        {
            try
            {
                db.Audit(audit, EntryWorkflow.Submit(entry, actor, DateTimeOffset.UtcNow), entry);
            }
            catch (EntryStateException refusal)
            {
                return await RefusedAsync(entry, refusal, cancellationToken);
            }
            catch (EntryRuleException missing)
            {
                // The draft is kept (nothing typed is lost); what is missing is said beside its fields.
                incomplete = "incomplete";
                foreach (var violation in missing.Violations)
                {
                    AddError(violation);
                }
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            AddError("", T["Someone saved this entry after you opened it. Open it again, then reapply your changes."]);
            return await ShowAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (Entry is null && Operations.StorageFaults.Classify(exception) == Operations.StorageFault.None)
        {
            AddError("", T["Another entry took the same identifier or address at the same moment; save again."]);
            return await ShowAsync(cancellationToken);
        }

        if (incomplete is not null)
        {
            Entry = entry;
            Form.Stamp = entry.ConcurrencyStamp;
            AddError("", T["The draft is saved, but it cannot be submitted yet: complete the fields marked below."]);
            return await ShowAsync(cancellationToken);
        }

        return Redirect(Url.Content($"~/submit/{entry.Id}?done={(submit ? "submitted" : "saved")}"));
    }

    private async Task<List<FieldError>> ApplyAsync<TEntry>(TEntry entry, TEntry source, CancellationToken cancellationToken)
        where TEntry : Entry => await editor.ApplyAsync(entry, source,
            typeof(TEntry).GetProperties().Select(p => p.Name).Where(EntryEditor.IsEditable), cancellationToken);

    private Entry NewEntry(Actor actor)
    {
        Entry entry = Kind == EntryKind.UseCase ? new UseCase() : new BestPractice();
        entry.Id = Guid.NewGuid();
        entry.OrganizationId = EntryWorkflow.OwnerFor(actor, Form.OrganizationId);
        return entry;
    }

    private async Task<IActionResult> MoveAsync(Guid id, Func<Entry, Actor, DateTimeOffset, EntryTransition> move, string done,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } entry)
        {
            return NotFound();
        }

        try
        {
            db.Audit(AuditActor.From(User), move(entry, Caller, DateTimeOffset.UtcNow), entry);
        }
        catch (EntryStateException refusal)
        {
            return await RefusedAsync(entry, refusal, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Redirect(Url.Content($"~/submit/{entry.Id}?done={done}"));
    }

    private async Task<IActionResult> RefusedAsync(Entry entry, EntryStateException refusal, CancellationToken cancellationToken)
    {
        // Nothing of the refused request is saved: the entry is read again as it is.
        db.ChangeTracker.Clear();
        Entry = await FindAsync(entry.Id, cancellationToken);
        Form = Entry is null ? Form : SubmitForm.From(Entry);
        Refusal = refusal.Reason == RefusalReason.WrongState
            ? T["This is not possible while the entry is {0}.", StatusText.Say(T, entry.Status)]
            : T["You may not do this to this entry."];
        RefusalDetail = refusal.Message;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await ShowAsync(cancellationToken);
    }

    /// <summary>On a post: the entry (tracked, with its tags) or the kind of a new one; false when there is nothing to post to.</summary>
    private async Task<bool> LoadForPostAsync(Guid? id, string? kind, CancellationToken cancellationToken)
    {
        if (id is { } key)
        {
            Entry = await FindAsync(key, cancellationToken);
            Kind = Entry?.Kind;
            return Entry is not null;
        }

        Kind = ParseKind(kind);
        return Kind is not null;
    }

    /// <summary>The entry if the caller may see it (the API context's query filter is the visibility rule), tracked, with every tag.</summary>
    private async Task<Entry?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var entry = await db.Entries
            .Include(e => e.Sdgs).Include(e => e.SdgTargets).Include(e => e.Verticals).Include(e => e.Countries)
            .Include(e => e.Technologies).Include(e => e.Standards).Include(e => e.Partners).Include(e => e.Organization)
            .AsSplitQuery()
            .FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is BestPractice practice)
        {
            await db.Entry(practice).Collection(p => p.DrawsOn).LoadAsync(cancellationToken);
        }

        Entry = entry;
        Kind = entry?.Kind;
        return entry;
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        if (Kind is null && Entry is null)
        {
            return Page();
        }

        Choices = await choices.TaxonomiesAsync(cancellationToken);
        Guidance = await guidance.ForFormAsync(cancellationToken);
        if (Kind == EntryKind.BestPractice)
        {
            UseCases = await SubmitChoices.UseCasesAsync(db, cancellationToken);
        }

        // Only public entries: a duplicate is something already in the hub, and nothing hidden is revealed.
        var text = $"{Form.Title}\n{Form.Summary}";
        if (!string.IsNullOrWhiteSpace(text))
        {
            var hits = await search.SimilarToTextAsync(text, string.IsNullOrWhiteSpace(Form.Language) ? "en" : Form.Language, SearchAudience.Public,
                SimilarShown + 1, Entry?.Id, cancellationToken);
            Similar = [.. hits.Where(h => Entry is null || h.Pid != Entry.Pid).Take(SimilarShown)];
        }

        return Page();
    }

    private void AddError(FieldError error) => AddError(error.ToViolation());

    private void AddError(RuleViolation violation) => AddError(RuleMessages.FieldOf(violation), RuleMessages.Say(T, violation), violation.Rule);

    private void AddError(string field, string message, string? rule = null)
    {
        if (!Errors.TryGetValue(field, out var list))
        {
            Errors[field] = list = [];
        }

        list.Add(new FieldMessage(message, rule));
    }

    private static EntryKind? ParseKind(string? kind) => kind switch
    {
        "use-case" or nameof(EntryKind.UseCase) => EntryKind.UseCase,
        "best-practice" or nameof(EntryKind.BestPractice) => EntryKind.BestPractice,
        _ => null,
    };

    private static string DefaultLanguage()
    {
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return language is "ar" or "zh" or "fr" or "ru" or "es" ? language : "en";
    }
}
