using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Core.Audit;

/// <summary>Audit records of the curation bookkeeping (assignment, re-validation), in the same save as the change.</summary>
public static class CurationAudit
{
    /// <summary>The scan that flags entries for re-validation: no person acted.</summary>
    public static AuditActor Revalidation { get; } = new(null, "re-validation scan", "System");

    public static AuditEntry Audit(this HubDbContext db, AuditActor actor, AssignmentChange change, Entry entry)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(change);
        return db.Audit(actor with { Role = change.Role.ToString() },
            change.Operation == "Release" ? AuditActions.EntryRelease : AuditActions.EntryReassign, entry, null,
            new { from = change.From, to = change.To });
    }
}
