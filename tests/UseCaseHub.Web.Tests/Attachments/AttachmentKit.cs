using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using UseCaseHub.Core.Attachments;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Tests.Api;

namespace UseCaseHub.Web.Tests.Attachments;

/// <summary>Drafts to attach files to, the upload form driven as a browser does, and test images built here.</summary>
public sealed partial class AttachmentKit(ApiFactory factory)
{
    private readonly ApiTestKit _api = new(factory);

    public ApiTestKit Api => _api;

    public Task<Guid> OrganizationAsync(string name = "Fixture Utility") => _api.OrganizationIdAsync(name);

    public async Task<Guid> DraftAsync(Caller owner, string title)
    {
        var draft = new JsonObject { ["Title"] = title, ["Summary"] = "Carries files.", ["Stage"] = "Pilot" };
        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", owner, draft.ToJsonString());
        Assert.True(status == HttpStatusCode.Created, $"{(int)status} {body?.ToJsonString()}");
        return Guid.Parse((string)body!["Id"]!);
    }

    /// <summary>Fetches the page (for its antiforgery token and cookie), then posts the file as the form does.</summary>
    public async Task<(HttpStatusCode Status, string Body)> UploadAsync(Caller caller, Guid entry, string fileName, HttpContent file)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        using var page = new HttpRequestMessage(HttpMethod.Get, $"/submit/{entry}/attachments");
        caller.Apply(page);
        using var form = await client.SendAsync(page);
        var html = await form.Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : "missing";
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/submit/{entry}/attachments");
        caller.Apply(post);
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png"); // what a client claims: never believed
        content.Add(file, "file", fileName);
        post.Content = content;
        using var response = await client.SendAsync(post);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<(HttpStatusCode Status, string Body)> UploadAsync(Caller caller, Guid entry, string fileName, byte[] bytes) =>
        UploadAsync(caller, entry, fileName, new ByteArrayContent(bytes));

    public async Task<List<Attachment>> RowsAsync(Guid entry)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().Attachments.AsNoTracking().Where(a => a.EntryId == entry).ToListAsync();
    }

    public async Task<byte[]> StoredAsync(Attachment attachment)
    {
        var store = factory.Services.GetRequiredService<IAttachmentStore>();
        await using var stream = await store.OpenAsync(attachment.StorageKey, CancellationToken.None);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>Files under the data directory's attachment folder (the incoming folder included): none may be left by a refusal.</summary>
    public int StoredFileCount()
    {
        var root = Path.Combine(factory.DataPath, "attachments");
        return Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Length : 0;
    }

    public async Task<List<string>> AuditActionsAsync(Guid entry)
    {
        using var scope = factory.Services.CreateScope();
        var id = entry.ToString();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.SubjectId == id).Select(a => a.Action).ToListAsync();
    }

    public async Task SetStatusAsync(Guid entry, EntryStatus status)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var row = await db.Entries.SingleAsync(e => e.Id == entry);
        row.Status = status; // test setup only: the workflow's moves are tested elsewhere
        await db.SaveChangesAsync();
    }

    public static byte[] Encode(SKEncodedImageFormat format, int width = 8, int height = 6)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.SeaGreen);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A JPEG with an EXIF block (APP1) holding a GPS position and a description, right after the start marker.</summary>
    public static byte[] JpegWithGps(string marker)
    {
        var jpeg = Encode(SKEncodedImageFormat.Jpeg);
        var tiff = new List<byte>();
        tiff.AddRange("II*\0"u8.ToArray());
        tiff.AddRange(Le32(8));
        // IFD0: ImageDescription (ASCII), GPSInfo pointer.
        var description = Encoding.ASCII.GetBytes(marker + "\0");
        const int ifd0Entries = 2;
        var ifd0Size = 2 + (ifd0Entries * 12) + 4;
        var descriptionOffset = 8 + ifd0Size;
        var gpsOffset = descriptionOffset + description.Length;
        tiff.AddRange(Le16(ifd0Entries));
        tiff.AddRange(Entry(0x010E, 2, description.Length, descriptionOffset));
        tiff.AddRange(Entry(0x8825, 4, 1, gpsOffset));
        tiff.AddRange(Le32(0));
        tiff.AddRange(description);
        // GPS IFD: latitude ref N, latitude 51/1 30/1 0/1.
        const int gpsEntries = 2;
        var rationalOffset = gpsOffset + 2 + (gpsEntries * 12) + 4;
        tiff.AddRange(Le16(gpsEntries));
        tiff.AddRange(Entry(0x0001, 2, 2, BinaryPrimitives.ReadInt32LittleEndian("N\0\0\0"u8)));
        tiff.AddRange(Entry(0x0002, 5, 3, rationalOffset));
        tiff.AddRange(Le32(0));
        foreach (var (n, d) in new[] { (51, 1), (30, 1), (0, 1) })
        {
            tiff.AddRange(Le32(n));
            tiff.AddRange(Le32(d));
        }

        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new byte[] { 0xFF, 0xE1, (byte)((payload.Length + 2) >> 8), (byte)((payload.Length + 2) & 0xFF) }.Concat(payload);
        return jpeg.Take(2).Concat(segment).Concat(jpeg.Skip(2)).ToArray();
    }

    /// <summary>A PNG with a tEXt chunk after its header chunk.</summary>
    public static byte[] PngWithText(string keyword, string text)
    {
        var png = Encode(SKEncodedImageFormat.Png);
        var data = Encoding.Latin1.GetBytes(keyword + "\0" + text);
        var type = "tEXt"u8.ToArray();
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(type.Concat(data).ToArray()));
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        var chunk = length.Concat(type).Concat(data).Concat(crc);
        const int afterHeader = 8 + 4 + 4 + 13 + 4; // signature, IHDR length, type, data, CRC
        return png.Take(afterHeader).Concat(chunk).Concat(png.Skip(afterHeader)).ToArray();
    }

    /// <summary>PNG's CRC-32 (ISO 3309), written out here so the test needs no extra package.</summary>
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    public static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(needle)) >= 0;

    private static byte[] Entry(int tag, int type, int count, int value) => [.. Le16(tag), .. Le16(type), .. Le32(count), .. Le32(value)];

    private static byte[] Le16(int value) => [(byte)value, (byte)(value >> 8)];

    private static byte[] Le32(int value) => [(byte)value, (byte)(value >> 8), (byte)(value >> 16), (byte)(value >> 24)];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
