using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Store;

using UseCaseHub.Web.Identity;

namespace UseCaseHub.Web.Cli;

/// <summary>
/// <c>users create-admin|grant|revoke|list</c>: how an operator makes the first administrator in Production (only
/// the Development seeder makes one otherwise) and manages roles from the server's shell. Exit code 0 or 1.
/// </summary>
internal sealed class UserCommands(UserManager<HubUser> users, HubDbContext db, ILogger<UserCommands> logger)
{
    private const string PasswordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<int> RunAsync(string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments switch
        {
            ["create-admin", var email] => await CreateAdminAsync(email),
            ["create-admin", _, ..] => Fail("create-admin takes the password from standard input, never from an argument (it would stay in the shell history)."),
            ["grant", var email, var role] => await ChangeRoleAsync(email, role, grant: true),
            ["revoke", var email, var role] => await ChangeRoleAsync(email, role, grant: false),
            ["list"] => await ListAsync(),
            _ => Fail("Usage: users create-admin EMAIL | users grant EMAIL ROLE | users revoke EMAIL ROLE | users list"),
        };
    }

    private async Task<int> CreateAdminAsync(string email)
    {
        if (!new EmailAddressAttribute().IsValid(email))
        {
            return Fail($"'{email}' is not an email address.");
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return Fail($"An account for '{email}' exists already: give it the role with 'users grant {email} {HubRoles.Admin}'.");
        }

        // Standard input, not an argument: arguments end up in shell history and process listings.
        var password = Console.IsInputRedirected ? (await Console.In.ReadToEndAsync()).TrimEnd('\r', '\n') : "";
        var generated = password.Length == 0;
        if (generated)
        {
            password = RandomNumberGenerator.GetString(PasswordAlphabet, 24);
        }

        var user = new HubUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = "Administrator",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Fail(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        var record = Audit("create-admin", user, HubRoles.Admin);
        var granted = await users.AddToRoleAsync(user, HubRoles.Admin);
        if (!granted.Succeeded)
        {
            db.Discard(record);
            return Fail(string.Join(" ", granted.Errors.Select(e => e.Description)));
        }

        Console.WriteLine($"Created administrator {email} (email confirmed).");
        if (generated)
        {
            Console.WriteLine($"Password: {password}");
            Console.WriteLine("It is shown this once: keep it in a password manager, or change it after signing in.");
        }

        return 0;
    }

    private async Task<int> ChangeRoleAsync(string email, string roleName, bool grant)
    {
        var role = HubRoles.All.FirstOrDefault(r => string.Equals(r, roleName, StringComparison.OrdinalIgnoreCase));
        if (role is null)
        {
            return Fail($"Unknown role '{roleName}': one of {string.Join(", ", HubRoles.All)}.");
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            return Fail($"No account for '{email}'.");
        }

        if (!grant && await AdminRoles.WouldRemoveLastAdminAsync(users, user, role))
        {
            return Fail($"'{email}' is the last administrator: grant Admin to someone else first.");
        }

        // Only a real change is recorded, and its record is saved by the same save as the change.
        var changes = await users.IsInRoleAsync(user, role) != grant;
        var record = changes ? Audit(grant ? "grant" : "revoke", user, role) : null;
        var result = !changes ? IdentityResult.Success : grant ? await users.AddToRoleAsync(user, role) : await users.RemoveFromRoleAsync(user, role);
        if (!result.Succeeded)
        {
            db.Discard(record!);
            return Fail(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        // A new stamp makes the person's cookie re-read its roles at the next validation.
        await users.UpdateSecurityStampAsync(user);
        Console.WriteLine(grant ? $"{email} has the role {role}." : $"{email} no longer has the role {role}.");
        return 0;
    }

    private async Task<int> ListAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var people = await db.Users.AsNoTracking().OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, Organization = u.Organization!.Name, u.EmailConfirmed, u.LockoutEnd })
            .ToListAsync();
        var roles = await (from userRole in db.UserRoles
                           join role in db.Roles on userRole.RoleId equals role.Id
                           select new { userRole.UserId, role.Name }).ToListAsync();
        foreach (var person in people)
        {
            var held = roles.Where(r => r.UserId == person.Id).Select(r => r.Name!).Order(StringComparer.Ordinal).ToList();
            Console.WriteLine(string.Join('\t',
                person.Email,
                held.Count == 0 ? "-" : string.Join(',', held),
                person.Organization ?? "-",
                person.EmailConfirmed ? "confirmed" : "unconfirmed",
                person.LockoutEnd > now ? "locked" : "active"));
        }

        Console.WriteLine($"{people.Count} accounts");
        return 0;
    }

    /// <summary>
    /// Who changed what, from the operator's shell: a row in the audit log (added here, saved with the role change that
    /// follows) and a line in the server's log.
    /// </summary>
    private AuditEntry Audit(string verb, HubUser user, string role)
    {
        logger.LogInformation("Operator {Operator} on {Machine}: users {Action} {Email} {Role}",
            Environment.UserName, Environment.MachineName, verb, user.Email, role);
        return db.Audit(AuditActor.Operator(Environment.UserName, Environment.MachineName), verb == "revoke" ? AuditActions.RoleRevoke : AuditActions.RoleGrant,
            user, note: "users " + verb, details: new { role });
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
