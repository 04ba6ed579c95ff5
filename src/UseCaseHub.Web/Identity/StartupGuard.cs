using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using UseCaseHub.Core.Accounts;

namespace UseCaseHub.Web.Identity;

/// <summary>Outside Development and the test host, refuses to start with demo accounts, throwaway/development keys or no public address.</summary>
internal static class StartupGuard
{
    public static void Check(IServiceProvider services, IHostEnvironment environment)
    {
        if (HubIdentityExtensions.IsRelaxed(environment))
        {
            return;
        }

        var identity = services.GetRequiredService<IOptions<HubIdentityOptions>>().Value;
        if (identity.Demo.Enabled)
        {
            throw new InvalidOperationException(
                $"Identity:Demo:Enabled creates accounts with published passwords; it is refused in the {environment.EnvironmentName} environment.");
        }

        if (string.IsNullOrWhiteSpace(identity.Keys.DataProtectionCertificatePath))
        {
            throw new InvalidOperationException(
                $"Data-protection keys (sign-in cookies, antiforgery, reset links) must be encrypted at rest in the {environment.EnvironmentName} environment: set Identity:Keys:DataProtectionCertificatePath (a PKCS#12 file) and Identity:Keys:DataProtectionCertificatePassword.");
        }

        if (identity.Keys.Store == KeyRingStore.Database
            && (string.IsNullOrWhiteSpace(identity.Keys.SigningCertificatePath) || string.IsNullOrWhiteSpace(identity.Keys.EncryptionCertificatePath)))
        {
            // Keys in the store means hosts share no folder, so generated token keys would differ per host.
            throw new InvalidOperationException(
                "Identity:Keys:Store=Database keeps the cookie keys in the store for hosts that share no folder; the token keys must then be the same files on every host: "
                + "set Identity:Keys:SigningCertificatePath and Identity:Keys:EncryptionCertificatePath (PKCS#12, with Identity:Keys:CertificatePassword).");
        }

        if (string.IsNullOrWhiteSpace(services.GetRequiredService<IOptions<Site.SiteOptions>>().Value.PublicBaseUrl))
        {
            throw new InvalidOperationException(
                $"Site:PublicBaseUrl (the hub's public address, e.g. https://usecases.example.org/) is required in the {environment.EnvironmentName} environment: "
                + "links in password-reset and confirmation mails are built from it, never from the request's Host header.");
        }

        var server = services.GetRequiredService<IOptions<OpenIddictServerOptions>>().Value;
        var keys = server.SigningCredentials.Select(c => c.Key).Concat(server.EncryptionCredentials.Select(c => c.Key));
        foreach (var key in keys)
        {
            // Ephemeral keys die with the process; OpenIddict's development certificates are shared knowledge.
            if (key is not X509SecurityKey certificate
                || certificate.Certificate.Subject.Contains("OpenIddict Server", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"Development or ephemeral token keys are refused in the {environment.EnvironmentName} environment: configure Identity:Keys or let the hub generate keys into its data directory.");
            }
        }
    }

    /// <summary>
    /// A store copied from Development still holds the demo accounts and client, whose passwords and secret are in
    /// this repository: refuse to serve it rather than open it to anyone who read the README.
    /// </summary>
    public static async Task CheckStoreAsync(IServiceProvider services, IHostEnvironment environment)
    {
        if (HubIdentityExtensions.IsRelaxed(environment))
        {
            return;
        }

        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubUser>>();
        var found = new List<string>();
        foreach (var (email, _, _) in IdentitySeeder.DemoAccounts)
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                found.Add(email);
            }
        }

        if (await scope.ServiceProvider.GetRequiredService<ClientRegistry>().FindAsync(IdentitySeeder.DemoClientId) is not null)
        {
            found.Add($"API client {IdentitySeeder.DemoClientId}");
        }

        if (found.Count > 0)
        {
            throw new InvalidOperationException(
                $"The store holds demo accounts or the demo client ({string.Join(", ", found)}), whose passwords are published; "
                + $"it is refused in the {environment.EnvironmentName} environment. Delete them (or start from a fresh store) before serving it.");
        }
    }
}
