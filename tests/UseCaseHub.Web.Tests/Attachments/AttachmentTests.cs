using System.Net;
using System.Text;
using SkiaSharp;
using UseCaseHub.Core.Attachments;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Web.Tests.Api;

namespace UseCaseHub.Web.Tests.Attachments;

/// <summary>Issue 11 item 2, attachments: type by content, metadata stripped, size cap, who may add and download.</summary>
public sealed class AttachmentTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly AttachmentKit _kit = new(factory);

    private async Task<(Caller Owner, Guid Entry)> OwnDraftAsync(string title)
    {
        var owner = Caller.Member(await _kit.OrganizationAsync());
        return (owner, await _kit.DraftAsync(owner, title));
    }

    [Fact]
    public async Task A_renamed_executable_is_refused_and_nothing_is_stored()
    {
        var (owner, entry) = await OwnDraftAsync("Renamed executable");
        var before = _kit.StoredFileCount();
        var program = Encoding.ASCII.GetBytes("MZ\u0090\0\u0003\0\0\0This program cannot be run in DOS mode.").Concat(new byte[4096]).ToArray();

        var (status, body) = await _kit.UploadAsync(owner, entry, "holiday-photo.png", program);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("The file is a program", body, StringComparison.Ordinal);
        Assert.Empty(await _kit.RowsAsync(entry));
        Assert.Equal(before, _kit.StoredFileCount());
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>")]
    [InlineData("\uFEFF  <svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")]
    public async Task An_html_or_svg_file_named_png_is_refused(string markup)
    {
        var (owner, entry) = await OwnDraftAsync("Markup named png " + markup.Length);

        var (status, body) = await _kit.UploadAsync(owner, entry, "chart.png", Encoding.UTF8.GetBytes(markup));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("HTML, SVG and XML files are not accepted", body, StringComparison.Ordinal);
        Assert.Empty(await _kit.RowsAsync(entry));
    }

    [Fact]
    public async Task A_file_that_only_starts_like_a_png_is_refused()
    {
        var (owner, entry) = await OwnDraftAsync("Fake png");
        var fake = AttachmentKit.Encode(SKEncodedImageFormat.Png).Take(16).Concat(Encoding.ASCII.GetBytes("<script>alert(1)</script>")).ToArray();

        var (status, _) = await _kit.UploadAsync(owner, entry, "fake.png", fake);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Empty(await _kit.RowsAsync(entry));
    }

    [Fact]
    public async Task A_jpeg_with_exif_gps_is_stored_without_it_and_audited()
    {
        var (owner, entry) = await OwnDraftAsync("Photo with GPS");
        var photo = AttachmentKit.JpegWithGps("SECRET-PLACE-51N");
        // The test image really carries the metadata (so the assertions below can fail).
        Assert.True(AttachmentKit.Contains(photo, "Exif") && AttachmentKit.Contains(photo, "SECRET-PLACE-51N"));
        using (var codec = SKCodec.Create(new MemoryStream(photo)))
        {
            Assert.Equal(SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
        }

        var (status, body) = await _kit.UploadAsync(owner, entry, "../../etc/site photo?.JPG", photo);

        Assert.True(status == HttpStatusCode.Redirect, $"{(int)status} {body}");
        var row = Assert.Single(await _kit.RowsAsync(entry));
        Assert.Equal(AttachmentKind.Jpeg, row.Kind);
        Assert.Equal("site-photo.jpg", row.Name);
        var stored = await _kit.StoredAsync(row);
        Assert.False(AttachmentKit.Contains(stored, "Exif"), "the EXIF block survived");
        Assert.False(AttachmentKit.Contains(stored, "SECRET-PLACE-51N"), "the EXIF description survived");
        Assert.Equal(-1, stored.AsSpan().IndexOf([(byte)0xFF, (byte)0xE1]));
        using var decoded = SKBitmap.Decode(stored);
        Assert.Equal((8, 6), (decoded.Width, decoded.Height));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored)), row.Sha256);
        Assert.Contains("attachment.add", await _kit.AuditActionsAsync(entry));
    }

    [Fact]
    public async Task A_png_text_chunk_is_stripped()
    {
        var (owner, entry) = await OwnDraftAsync("Png with text");
        var png = AttachmentKit.PngWithText("Comment", "taken at my home address");
        Assert.True(AttachmentKit.Contains(png, "tEXt"));
        using (var check = SKBitmap.Decode(png))
        {
            Assert.NotNull(check); // the chunk is well formed
        }

        var (status, body) = await _kit.UploadAsync(owner, entry, "diagram.png", png);

        Assert.True(status == HttpStatusCode.Redirect, $"{(int)status} {body}");
        var stored = await _kit.StoredAsync(Assert.Single(await _kit.RowsAsync(entry)));
        Assert.False(AttachmentKit.Contains(stored, "tEXt"));
        Assert.False(AttachmentKit.Contains(stored, "home address"));
    }

    [Fact]
    public async Task A_pdf_is_kept_as_it_is_and_downloaded_not_shown()
    {
        var (owner, entry) = await OwnDraftAsync("Report");
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

        var (status, _) = await _kit.UploadAsync(owner, entry, "report.pdf", pdf);

        Assert.Equal(HttpStatusCode.Redirect, status);
        var row = Assert.Single(await _kit.RowsAsync(entry));
        Assert.Equal(pdf, await _kit.StoredAsync(row));
        var response = await DownloadAsync(owner, row);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task A_file_one_byte_over_10_MB_is_refused_while_it_is_read()
    {
        var (owner, entry) = await OwnDraftAsync("Too large");
        var before = _kit.StoredFileCount();
        var limit = 10 * 1024 * 1024;
        var exactly = AttachmentKit.Encode(SKEncodedImageFormat.Png).Concat(new byte[limit]).Take(limit + 1).ToArray();

        var (status, body) = await _kit.UploadAsync(owner, entry, "big.png", exactly);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("larger than the limit of 10 MB", body, StringComparison.Ordinal);
        Assert.Empty(await _kit.RowsAsync(entry));
        Assert.Equal(before, _kit.StoredFileCount());

        // Streamed: an endless upload is answered without the hub reading it all.
        var endless = new CountingContent(200 * 1024 * 1024);
        try
        {
            var (endlessStatus, _) = await _kit.UploadAsync(owner, entry, "endless.png", endless);
            Assert.Equal(HttpStatusCode.BadRequest, endlessStatus);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            // The hub stopped reading and answered; the test client may report the unsent rest as a failed send.
        }

        Assert.True(endless.Sent < 40 * 1024 * 1024, $"{endless.Sent} bytes were read of an endless upload");
    }

    [Fact]
    public async Task Another_organisations_member_cannot_upload_or_download_a_private_file_and_a_curator_cannot_upload()
    {
        var (owner, entry) = await OwnDraftAsync("Private files");
        Assert.Equal(HttpStatusCode.Redirect, (await _kit.UploadAsync(owner, entry, "a.png", AttachmentKit.Encode(SKEncodedImageFormat.Png))).Status);
        var row = Assert.Single(await _kit.RowsAsync(entry));
        var stranger = Caller.Member(await _kit.OrganizationAsync("UseCaseHub editors"));

        var (status, _) = await _kit.UploadAsync(stranger, entry, "b.png", AttachmentKit.Encode(SKEncodedImageFormat.Png));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(HttpStatusCode.NotFound, (await DownloadAsync(stranger, row)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DownloadAsync(Caller.Anonymous, row)).StatusCode);
        // Curators retag; the files are the organisation's, like its text.
        Assert.Equal(HttpStatusCode.Forbidden, (await _kit.UploadAsync(Caller.Curator, entry, "c.png", AttachmentKit.Encode(SKEncodedImageFormat.Png))).Status);
        Assert.Single(await _kit.RowsAsync(entry));

        using var own = await DownloadAsync(owner, row);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.True(own.Headers.CacheControl is { Private: true, NoStore: true }, $"Cache-Control: {own.Headers.CacheControl}");
        Assert.Equal(HttpStatusCode.OK, (await DownloadAsync(Caller.Curator, row)).StatusCode);
    }

    [Fact]
    public async Task The_public_downloads_a_published_entrys_image_with_safe_headers_and_sees_it_listed()
    {
        var (owner, entry) = await OwnDraftAsync("Published with a picture");
        Assert.Equal(HttpStatusCode.Redirect, (await _kit.UploadAsync(owner, entry, "map.webp", AttachmentKit.Encode(SKEncodedImageFormat.Webp))).Status);
        var row = Assert.Single(await _kit.RowsAsync(entry));
        Assert.Equal(AttachmentKind.WebP, row.Kind);
        await _kit.SetStatusAsync(entry, EntryStatus.Published);

        using var response = await DownloadAsync(Caller.Anonymous, row);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("public", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        var store = await _kit.Api.StoreAsync();
        var slug = store.Single(e => e.Id == entry).Slug;
        using var client = factory.CreateClient();
        var page = await client.GetStringAsync($"/use-cases/{slug}");
        Assert.Contains($"/attachments/{row.Id}/map.webp", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_upload_form_needs_its_antiforgery_token()
    {
        var (owner, entry) = await OwnDraftAsync("Forged upload");
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/submit/{entry}/attachments");
        owner.Apply(post);
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent("forged"), "__RequestVerificationToken");
        content.Add(new ByteArrayContent(AttachmentKit.Encode(SKEncodedImageFormat.Png)), "file", "a.png");
        post.Content = content;

        using var response = await client.SendAsync(post);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await _kit.RowsAsync(entry));
    }

    private async Task<HttpResponseMessage> DownloadAsync(Caller caller, Attachment row)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/attachments/{row.Id}/{row.Name}");
        caller.Apply(request);
        return await client.SendAsync(request);
    }

    /// <summary>A PNG-looking upload of <paramref name="length"/> bytes, produced as it is read, counting what was taken.</summary>
    private sealed class CountingContent(long length) : HttpContent
    {
        public long Sent { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var chunk = new byte[64 * 1024];
            AttachmentKit.Encode(SKEncodedImageFormat.Png).CopyTo(chunk, 0);
            while (Sent < length)
            {
                await stream.WriteAsync(chunk);
                Sent += chunk.Length;
                chunk.AsSpan(0, 16).Clear();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
