using System.Text;
using SkiaSharp;

namespace UseCaseHub.Core.Attachments;

/// <summary>Why a file was refused; the site shows each in the visitor's language.</summary>
public enum AttachmentProblem
{
    NotPermitted,
    TooMany,
    TooLarge,
    Empty,

    /// <summary>A program (Windows, Linux, macOS executable or script): refused whatever its name says.</summary>
    Executable,

    /// <summary>HTML, SVG or XML: documents a browser would run scripts in.</summary>
    Markup,

    /// <summary>Neither PDF, PNG, JPEG nor WebP.</summary>
    Unsupported,

    /// <summary>Starts like an image but does not decode as one (or is larger in pixels than allowed).</summary>
    Unreadable,
    NotFound,
}

/// <summary>
/// What a file is, decided from its bytes only (never its name or the client's Content-Type), and the bytes the hub
/// keeps: images are decoded and encoded again, so EXIF (GPS, camera, owner), XMP, ICC comments and text chunks do not
/// survive; a PDF is checked for its header and kept as it is.
/// </summary>
public static class AttachmentContent
{
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The kind the first bytes announce, or the problem they show.</summary>
    public static (AttachmentKind? Kind, AttachmentProblem? Problem) Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return (AttachmentKind.Pdf, null);
        }

        if (head.StartsWith(PngMagic))
        {
            return (AttachmentKind.Png, null);
        }

        if (head.StartsWith([(byte)0xFF, (byte)0xD8, (byte)0xFF]))
        {
            return (AttachmentKind.Jpeg, null);
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return (AttachmentKind.WebP, null);
        }

        // PE ("MZ"), ELF, Mach-O (both byte orders, 32/64 bit and universal), and scripts with a "#!" line.
        if (head.StartsWith("MZ"u8) || head.StartsWith([(byte)0x7F, (byte)'E', (byte)'L', (byte)'F']) || head.StartsWith("#!"u8)
            || head.StartsWith([(byte)0xCF, (byte)0xFA, (byte)0xED, (byte)0xFE]) || head.StartsWith([(byte)0xCE, (byte)0xFA, (byte)0xED, (byte)0xFE])
            || head.StartsWith([(byte)0xFE, (byte)0xED, (byte)0xFA, (byte)0xCF]) || head.StartsWith([(byte)0xCA, (byte)0xFE, (byte)0xBA, (byte)0xBE]))
        {
            return (null, AttachmentProblem.Executable);
        }

        return (null, LooksLikeMarkup(head) ? AttachmentProblem.Markup : AttachmentProblem.Unsupported);
    }

    /// <summary>
    /// Reads <paramref name="source"/> (seekable), writes the bytes to keep into <paramref name="output"/> and returns
    /// their kind, or the problem.
    /// </summary>
    public static async Task<(AttachmentKind? Kind, AttachmentProblem? Problem)> PrepareAsync(Stream source, Stream output, long maxPixels,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);
        var head = new byte[64];
        var read = await source.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var (kind, problem) = Sniff(head.AsSpan(0, read));
        if (kind is null)
        {
            return (null, problem);
        }

        source.Position = 0;
        if (kind == AttachmentKind.Pdf)
        {
            await source.CopyToAsync(output, cancellationToken);
            return (kind, null);
        }

        return ReEncode(source, output, kind.Value, maxPixels) ? (kind, null) : (null, AttachmentProblem.Unreadable);
    }

    /// <summary>Decodes the image (it must decode as the kind its bytes announced), turns it upright and encodes the pixels alone.</summary>
    private static bool ReEncode(Stream source, Stream output, AttachmentKind kind, long maxPixels)
    {
        using var codec = SKCodec.Create(source);
        if (codec is null || codec.EncodedFormat != FormatOf(kind))
        {
            return false;
        }

        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > maxPixels)
        {
            return false;
        }

        using var decoded = new SKBitmap(info.WithColorType(SKColorType.Rgba8888).WithAlphaType(info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul));
        var result = codec.GetPixels(decoded.Info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return false;
        }

        // The orientation lived in the EXIF block that is dropped: apply it to the pixels so the picture stays upright.
        using var upright = Orient(decoded, codec.EncodedOrigin);
        using var image = SKImage.FromBitmap(upright);
        using var data = image.Encode(FormatOf(kind), kind == AttachmentKind.Png ? 100 : 90);
        if (data is null)
        {
            return false;
        }

        data.SaveTo(output);
        return true;
    }

    private static SKBitmap Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft)
        {
            return bitmap.Copy();
        }

        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = swap ? (bitmap.Height, bitmap.Width) : (bitmap.Width, bitmap.Height);
        var turned = new SKBitmap(new SKImageInfo(w, h, bitmap.ColorType, bitmap.AlphaType));
        using var canvas = new SKCanvas(turned);
        canvas.SetMatrix(origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, w, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, w, -1, 0, h, 0, 0, 1),
            _ => new SKMatrix(0, 1, 0, -1, 0, h, 0, 0, 1), // LeftBottom
        });
        using var pixels = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(pixels, 0, 0, SKSamplingOptions.Default);
        canvas.Flush();
        return turned;
    }

    private static SKEncodedImageFormat FormatOf(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Png => SKEncodedImageFormat.Png,
        AttachmentKind.Jpeg => SKEncodedImageFormat.Jpeg,
        _ => SKEncodedImageFormat.Webp,
    };

    /// <summary>Text starting with a tag (after a byte-order mark and blanks): HTML, SVG, XML. Named apart so the message is clear.</summary>
    private static bool LooksLikeMarkup(ReadOnlySpan<byte> head)
    {
        var text = head.StartsWith([(byte)0xEF, (byte)0xBB, (byte)0xBF]) ? head[3..] : head;
        var start = Encoding.UTF8.GetString(text).TrimStart();
        return start.StartsWith('<');
    }
}

/// <summary>Display names: the uploaded name without folders or odd characters, with the extension of the sniffed kind.</summary>
public static class AttachmentNames
{
    public const int MaxLength = 120;

    public static string Safe(string? uploaded, AttachmentKind kind)
    {
        var name = (uploaded ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        if (dot > 0)
        {
            name = name[..dot];
        }

        var cleaned = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var keep = char.IsLetterOrDigit(c) || c is '-' or '_' or '(' or ')' or '.';
            var separator = cleaned.Length > 0 && cleaned[^1] != '-';
            if (keep)
            {
                cleaned.Append(c);
            }
            else if (separator)
            {
                cleaned.Append('-');
            }
        }

        var stem = cleaned.ToString().Trim('-', '.');
        var extension = Attachment.ExtensionOf(kind);
        if (stem.Length > MaxLength - extension.Length)
        {
            stem = stem[..(MaxLength - extension.Length)].TrimEnd('-', '.');
        }

        return (stem.Length == 0 ? "attachment" : stem) + extension;
    }
}
