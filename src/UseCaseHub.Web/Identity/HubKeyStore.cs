using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Identity;

/// <summary>
/// The server's signing and encryption certificates: loaded from configured files, or generated once into
/// data/keys so that a restart, or another host sharing the data directory, keeps accepting issued tokens.
/// </summary>
public sealed class HubKeyStore
{
    private readonly Lazy<X509Certificate2> _signing;
    private readonly Lazy<X509Certificate2> _encryption;

    public HubKeyStore(HubPaths paths, IOptions<HubIdentityOptions> options)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        var keys = options.Value.Keys;
        Directory = Path.Combine(paths.Data, "keys");
        DataProtectionDirectory = string.IsNullOrWhiteSpace(keys.DataProtectionPath)
            ? Path.Combine(Directory, "data-protection")
            : Path.GetFullPath(keys.DataProtectionPath, paths.Data);
        _signing = new(() => LoadOrCreate(keys.SigningCertificatePath, keys.CertificatePassword, "signing.pfx",
            "CN=UseCaseHub token signing", X509KeyUsageFlags.DigitalSignature));
        _encryption = new(() => LoadOrCreate(keys.EncryptionCertificatePath, keys.CertificatePassword, "encryption.pfx",
            "CN=UseCaseHub token encryption", X509KeyUsageFlags.KeyEncipherment));
    }

    public string Directory { get; }

    public string DataProtectionDirectory { get; }

    public X509Certificate2 Signing => _signing.Value;

    public X509Certificate2 Encryption => _encryption.Value;

    private X509Certificate2 LoadOrCreate(string? configuredPath, string? password, string fileName, string subject, X509KeyUsageFlags usage)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(configuredPath, password, X509KeyStorageFlags.EphemeralKeySet);
        }

        var path = Path.Combine(Directory, fileName);
        if (!File.Exists(path))
        {
            System.IO.Directory.CreateDirectory(Directory);
            TryWriteNew(path, subject, usage);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, null, X509KeyStorageFlags.EphemeralKeySet);
    }

    private static void TryWriteNew(string path, string subject, X509KeyUsageFlags usage)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(20));
        var bytes = certificate.Export(X509ContentType.Pfx);
        // Written aside then moved: when two hosts start together on one data directory, the first move wins
        // and nobody reads a half-written file.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temporary, fileOptions))
        {
            file.Write(bytes);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
