using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Core.Audit;

/// <summary>The action codes the log records; the viewer offers these as its filter.</summary>
public static class AuditActions
{
    public const string EntryCreate = "entry.create";
    public const string EntryEdit = "entry.edit";
    public const string EntryRetag = "entry.retag";
    public const string EntryDelete = "entry.delete";
    public const string EntryImport = "entry.import";

    /// <summary>A revision of a published entry was started (subject: the published entry).</summary>
    public const string EntryRevise = "entry.revise";

    /// <summary>A published revision was applied onto its entry, which became its new version (subject: the entry).</summary>
    public const string EntryRevisionApply = "entry.revision.apply";
    public const string RoleGrant = "role.grant";
    public const string RoleRevoke = "role.revoke";
    public const string MembershipChange = "membership.change";
    public const string OrganizationApprove = "organization.approve";
    public const string OrganizationDecline = "organization.decline";
    public const string OrganizationCreate = "organization.create";
    public const string OrganizationEdit = "organization.edit";

    /// <summary>Assignment of an entry to a curator (an admin's reassignment, or a curator taking a free entry).</summary>
    public const string EntryReassign = "entry.reassign";

    /// <summary>The holder (or an admin) gives an entry back to the queue.</summary>
    public const string EntryRelease = "entry.release";

    /// <summary>The owner confirms a published entry is still deployed (re-validation).</summary>
    public const string EntryConfirm = "entry.confirm";

    /// <summary>Re-validation asked of the owners, then (unanswered) of the curators.</summary>
    public const string RevalidationDue = "entry.revalidation-due";
    public const string RevalidationOverdue = "entry.revalidation-overdue";

    /// <summary>A message in an entry's conversation (subject: the entry).</summary>
    public const string EntryMessage = "entry.message";

    /// <summary>A curator's assessment recorded or changed (subject: the entry).</summary>
    public const string EntryAssess = "entry.assess";

    /// <summary>A standardisation gap noted on an entry (subject: the entry).</summary>
    public const string EntryGap = "entry.gap";
    /// <summary>A file added to or removed from an entry (subject: the entry).</summary>
    public const string AttachmentAdd = "attachment.add";
    public const string AttachmentRemove = "attachment.remove";

    /// <summary>A workflow move's code: <c>entry.submit</c>, <c>entry.claim</c>, <c>entry.publish</c>...</summary>
    public static string For(EntryOperation operation) => "entry." + operation.ToString().ToLowerInvariant();

    public static IReadOnlyList<string> All { get; } =
    [
        EntryCreate, EntryEdit, EntryRetag, EntryDelete, EntryImport, EntryRevise, EntryRevisionApply,
        .. Enum.GetValues<EntryOperation>().Select(For),
        EntryReassign, EntryRelease, EntryMessage, EntryAssess, EntryGap, EntryConfirm, RevalidationDue, RevalidationOverdue,
        RoleGrant, RoleRevoke, MembershipChange, OrganizationApprove, OrganizationDecline, OrganizationCreate, OrganizationEdit,
        AttachmentAdd, AttachmentRemove,
    ];
}
