using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace UseCaseHub.Testing;

/// <summary>Self-signed PKCS#12 files, as an operator would configure them.</summary>
public static class TestCertificates
{
    public const string Password = "pfx-password";

    public static string Write(string folder, string name, string subject, X509KeyUsageFlags usage)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}
