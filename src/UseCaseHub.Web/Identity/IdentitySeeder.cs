using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Identity;

/// <summary>Creates the three roles, and in Development the demo organisation, accounts and API client.</summary>
internal sealed class IdentitySeeder(
    RoleManager<IdentityRole<Guid>> roles,
    UserManager<HubUser> users,
    ClientRegistry clients,
    HubDbContext db,
    IOptions<HubIdentityOptions> options,
    IHostEnvironment environment,
    ILogger<IdentitySeeder> logger)
{
    public const string DemoOrganizationSlug = "demo-organisation";
    public const string DemoClientId = "demo-client";

    public static readonly (string Email, string Name, string[] Roles)[] DemoAccounts =
    [
        ("member@example.org", "Demo Member", [HubRoles.Member]),
        ("curator@example.org", "Demo Curator", [HubRoles.Member, HubRoles.Curator]),
        ("admin@example.org", "Demo Admin", [HubRoles.Member, HubRoles.Admin]),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await SeedRolesAsync();
        var demo = options.Value.Demo;
        if (demo.Enabled && HubIdentityExtensions.IsRelaxed(environment))
        {
            await SeedDemoAsync(demo, cancellationToken);
        }
    }

    /// <summary>The three roles; the operator commands need them without the demo data.</summary>
    public async Task SeedRolesAsync()
    {
        foreach (var role in HubRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role)));
            }
        }
    }

    private async Task SeedDemoAsync(DemoOptions demo, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Slug == DemoOrganizationSlug, cancellationToken);
        if (organization is null)
        {
            organization = new Organization { Id = Guid.NewGuid(), Slug = DemoOrganizationSlug, Name = "Demo organisation" };
            db.Organizations.Add(organization);
            await db.SaveChangesAsync(cancellationToken);
        }

        foreach (var (email, name, accountRoles) in DemoAccounts)
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }

            var user = new HubUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = name,
                OrganizationId = organization.Id,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            Check(await users.CreateAsync(user, demo.Password));
            Check(await users.AddToRolesAsync(user, accountRoles));
            logger.LogWarning("Created demo account {Email} (Development only)", email);
        }

        if (await clients.FindAsync(DemoClientId, cancellationToken) is null)
        {
            await clients.RegisterAsync(
                new ClientRegistration(DemoClientId, "Demo API client", [], [HubScopes.Read, HubScopes.Write], organization.Id, ClientCredentials: true),
                demo.ClientSecret, cancellationToken);
            logger.LogWarning("Created demo API client {ClientId} (Development only)", DemoClientId);
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
