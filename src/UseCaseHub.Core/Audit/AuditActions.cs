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
    public const string RoleGrant = "role.grant";
    public const string RoleRevoke = "role.revoke";
    public const string MembershipChange = "membership.change";
    public const string OrganizationApprove = "organization.approve";
    public const string OrganizationDecline = "organization.decline";
    public const string OrganizationCreate = "organization.create";
    public const string OrganizationEdit = "organization.edit";

    // wf-attach: a file added to or removed from an entry (subject = the entry).
    public const string AttachmentAdd = "attachment.add";
    public const string AttachmentRemove = "attachment.remove";

    /// <summary>A workflow move's code: <c>entry.submit</c>, <c>entry.claim</c>, <c>entry.publish</c>...</summary>
    public static string For(EntryOperation operation) => "entry." + operation.ToString().ToLowerInvariant();

    public static IReadOnlyList<string> All { get; } =
    [
        EntryCreate, EntryEdit, EntryRetag, EntryDelete, EntryImport,
        .. Enum.GetValues<EntryOperation>().Select(For),
        RoleGrant, RoleRevoke, MembershipChange, OrganizationApprove, OrganizationDecline, OrganizationCreate, OrganizationEdit,
        AttachmentAdd, AttachmentRemove,
    ];
}
