using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace UseCaseHub.Web.Caching;

/// <summary>
/// ETag and conditional GET for the public HTML pages: a repeat visit on a costly connection costs a 304 instead of
/// the page. Only anonymous GETs of complete 200 HTML answers without cookies or no-store are considered (signed-in
/// pages, forms with antiforgery tokens and everything streamed pass through untouched). The tag is a hash of the
/// rendered page, so it changes with the content, the language and the page's query: no invalidation to get wrong.
/// </summary>
public static class PageETags
{
    /// <summary>Pages larger than this are sent as they are, without a tag (none of ours comes near it).</summary>
    internal const int MaxBufferedBytes = 1024 * 1024;

    /// <summary>Between response compression (outside: it compresses the page or the empty 304) and the pages.</summary>
    public static IApplicationBuilder UseHubPageETags(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsGet(context.Request.Method) || context.User.Identity?.IsAuthenticated == true)
        {
            await next();
            return;
        }

        var original = context.Response.Body;
        await using var buffer = new PageBuffer(context, original);
        context.Response.Body = buffer;
        try
        {
            await next();
        }
        finally
        {
            context.Response.Body = original;
        }

        if (buffer.IsBuffering)
        {
            await FinishAsync(context, buffer, original);
        }
    });

    private static async Task FinishAsync(HttpContext context, PageBuffer buffer, Stream original)
    {
        var response = context.Response;
        var bytes = buffer.Buffered;
        var tag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(bytes.Span), 0, 16) + "\"", isWeak: true);
        response.Headers.ETag = tag.ToString();
        // Revalidate every time (the page may change with the next publication), and the culture may come from the
        // cookie or the browser's languages when the address has no prefix.
        response.Headers.CacheControl = "no-cache";
        response.Headers.Append(HeaderNames.Vary, "Accept-Language, Cookie");
        if (EntityTagHeaderValue.TryParseList(context.Request.Headers.IfNoneMatch, out var asked)
            && asked.Any(candidate => candidate.Compare(tag, useStrongComparison: false) || candidate.Equals(EntityTagHeaderValue.Any)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.ContentLength = null;
            response.Headers.ContentType = default;
            return;
        }

        response.ContentLength = bytes.Length;
        await original.WriteAsync(bytes, context.RequestAborted);
    }

    /// <summary>
    /// Decides at the first write, when the status and headers are known, whether to keep the page or to pass the
    /// answer straight through.
    /// </summary>
    /// <remarks>
    /// The page is kept in pooled arrays (a page is tens of kilobytes, and a memory stream growing by doubling allocated
    /// and copied about four times that on every request); they go back to the pool when the response is done.
    /// </remarks>
    private sealed class PageBuffer(HttpContext context, Stream original) : Stream
    {
        private byte[]? _memory;
        private int _length;
        private bool _decided;
        private bool _passThrough;

        public bool IsBuffering => _memory is not null && !_passThrough;

        public ReadOnlyMemory<byte> Buffered => _memory is null ? ReadOnlyMemory<byte>.Empty : _memory.AsMemory(0, _length);

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_decided)
            {
                _decided = true;
                _passThrough = !Cacheable(context.Response);
                _memory = _passThrough ? null : ArrayPool<byte>.Shared.Rent(InitialBytes);
            }

            if (!_passThrough && _length + buffer.Length > MaxBufferedBytes)
            {
                // Too big to keep: send what we have and the rest as it comes.
                _passThrough = true;
                await original.WriteAsync(Buffered, cancellationToken);
                Release();
            }

            if (_passThrough)
            {
                await original.WriteAsync(buffer, cancellationToken);
            }
            else
            {
                Keep(buffer.Span);
            }
        }

        /// <summary>Most pages fit at once; a larger one moves to an array twice as large.</summary>
        private const int InitialBytes = 64 * 1024;

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            if (_length + bytes.Length > _memory!.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_memory.Length * 2, _length + bytes.Length));
                _memory.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_memory);
                _memory = larger;
            }

            bytes.CopyTo(_memory.AsSpan(_length));
            _length += bytes.Length;
        }

        private void Release()
        {
            if (_memory is not null)
            {
                ArrayPool<byte>.Shared.Return(_memory);
                _memory = null;
                _length = 0;
            }
        }

        protected override void Dispose(bool disposing)
        {
            Release();
            base.Dispose(disposing);
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) =>
            _passThrough ? original.FlushAsync(cancellationToken) : Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        private static bool Cacheable(HttpResponse response) =>
            response.StatusCode == StatusCodes.Status200OK
            && !response.HasStarted
            && response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true
            && !response.Headers.ContainsKey(HeaderNames.SetCookie)
            && !response.Headers.ContainsKey(HeaderNames.ContentDisposition)
            && !response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase);
    }
}
