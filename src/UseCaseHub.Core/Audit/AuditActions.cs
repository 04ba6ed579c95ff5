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

    /// <summary>A message in an entry's conversation (subject: the entry).</summary>
    public const string EntryMessage = "entry.message";

    /// <summary>A curator's assessment recorded or changed (subject: the entry).</summary>
    public const string EntryAssess = "entry.assess";

    /// <summary>A standardisation gap noted on an entry (subject: the entry).</summary>
    public const string EntryGap = "entry.gap";

    /// <summary>A workflow move's code: <c>entry.submit</c>, <c>entry.claim</c>, <c>entry.publish</c>...</summary>
    public static string For(EntryOperation operation) => "entry." + operation.ToString().ToLowerInvariant();

    public static IReadOnlyList<string> All { get; } =
    [
        EntryCreate, EntryEdit, EntryRetag, EntryDelete, EntryImport,
        .. Enum.GetValues<EntryOperation>().Select(For),
        EntryMessage, EntryAssess, EntryGap,
        RoleGrant, RoleRevoke, MembershipChange, OrganizationApprove, OrganizationDecline, OrganizationCreate, OrganizationEdit,
    ];
}
