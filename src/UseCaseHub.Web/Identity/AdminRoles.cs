using Microsoft.AspNetCore.Identity;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Accounts;

namespace UseCaseHub.Web.Identity;

/// <summary>Rules every door that changes roles (the admin page, the <c>users</c> commands) applies alike.</summary>
public static class AdminRoles
{
    /// <summary>True when taking <paramref name="role"/> from <paramref name="user"/> would leave the hub without an administrator.</summary>
    public static async Task<bool> WouldRemoveLastAdminAsync(UserManager<HubUser> users, HubUser user, string role)
    {
        ArgumentNullException.ThrowIfNull(users);
        return role == HubRoles.Admin
            && await users.IsInRoleAsync(user, HubRoles.Admin)
            && (await users.GetUsersInRoleAsync(HubRoles.Admin)).Count == 1;
    }
}
