using System.Collections.Concurrent;
using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Notifications;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;
using UseCaseHub.Web.Curation;
using UseCaseHub.Web.Identity.Mail;
using UseCaseHub.Web.Tests.Identity;

namespace UseCaseHub.Web.Tests.Curation;

/// <summary>A mail server that is down for the next <see cref="FailuresLeft"/> sends, and remembers what it delivered.</summary>
public sealed class FlakyMailSender : IHubMailSender
{
    private int _failuresLeft;

    public ConcurrentQueue<(string To, string Subject, string Text)> Delivered { get; } = new();

    public int FailuresLeft { get => Volatile.Read(ref _failuresLeft); set => Volatile.Write(ref _failuresLeft, value); }

    public Task SendAsync(string recipient, string subject, string text, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new SmtpException("mail server down (test)");
        }

        Interlocked.Exchange(ref _failuresLeft, 0);
        Delivered.Enqueue((recipient, subject, text));
        return Task.CompletedTask;
    }
}

/// <summary>
/// The real host with demo accounts, a second curator, a movable workflow clock and a mail server the test controls.
/// The background mail worker is off: tests send the queue themselves, so nothing races them.
/// </summary>
public sealed class CurationHubFactory : IdentityHubFactory
{
    public const string SecondCurator = "curator2@example.org";

    public CurationHubFactory()
        : this(new ManualClock(), new FlakyMailSender())
    {
    }

    private CurationHubFactory(ManualClock clock, FlakyMailSender mail)
        : base(new Dictionary<string, string?>
        {
            ["Notifications:SendInBackground"] = "false",
            ["Workflow:OverdueAfterDays"] = "5",
            ["Workflow:RevalidateAfterDays"] = "730",
            ["Workflow:RevalidationGraceDays"] = "60",
        }, services =>
        {
            services.AddSingleton(new WorkflowClock(clock));
            services.AddSingleton<IHubMailSender>(mail);
        })
    {
        Clock = clock;
        Mail = mail;
    }

    public ManualClock Clock { get; }

    public FlakyMailSender Mail { get; }

    private readonly SemaphoreSlim _setup = new(1);

    /// <summary>A curator with no organisation (created once).</summary>
    public async Task<Guid> SecondCuratorIdAsync()
    {
        await _setup.WaitAsync();
        try
        {
            return await WithScopeAsync(async services =>
            {
                var users = services.GetRequiredService<UserManager<HubUser>>();
                if (await users.FindByEmailAsync(SecondCurator) is { } existing)
                {
                    return existing.Id;
                }

                var user = new HubUser { UserName = SecondCurator, Email = SecondCurator, EmailConfirmed = true, DisplayName = "Second Curator" };
                Assert.True((await users.CreateAsync(user, DemoPassword)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, HubRoles.Curator)).Succeeded);
                return user.Id;
            });
        }
        finally
        {
            _setup.Release();
        }
    }

    public Task<Guid> UserIdAsync(string email) => WithScopeAsync(services =>
        services.GetRequiredService<HubDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>A use case of the demo organisation in <paramref name="status"/>, tagged as asked, waiting since <paramref name="since"/>.</summary>
    public async Task<UseCase> AddEntryAsync(EntryStatus status, DateTimeOffset since, int? sdg = null, string? vertical = null, string? country = null,
        string? assignedTo = null, DateTimeOffset? publishedAt = null)
    {
        var organization = await DemoOrganizationIdAsync();
        return await WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<HubDbContext>();
            var id = Guid.NewGuid();
            var entry = new UseCase
            {
                Id = id,
                Pid = "UC-2026-" + Random.Shared.Next(10_000, 99_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Slug = "curation-" + id.ToString("N")[..12],
                Title = "Curation test " + id.ToString("N")[..8],
                Summary = "A summary.",
                Body = "A body.",
                Status = status,
                OrganizationId = organization,
                StatusChangedAt = since,
                AssignedCuratorId = assignedTo,
                PublishedAt = publishedAt,
                CreatedAt = since,
            };
            if (sdg is { } goal)
            {
                entry.Sdgs.Add(await db.SdgGoals.SingleAsync(g => g.Number == goal));
            }

            if (vertical is not null)
            {
                entry.Verticals.Add(await db.Verticals.SingleAsync(v => v.Slug == vertical));
            }

            if (country is not null)
            {
                entry.Countries.Add(await db.Countries.SingleAsync(c => c.Iso2 == country));
            }

            db.Add(entry);
            await db.SaveChangesAsync();
            return entry;
        });
    }

    public Task<UseCase> EntryAsync(Guid id) => WithScopeAsync(services =>
        services.GetRequiredService<HubDbContext>().UseCases.AsNoTracking().SingleAsync(e => e.Id == id));

    /// <summary>Who was notified of <paramref name="kind"/> on the entry (emails), and the rows.</summary>
    public Task<List<(string Email, Notification Row)>> NotifiedAsync(Guid entryId, string kind) => WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<HubDbContext>();
        var rows = await db.Notifications.AsNoTracking().Where(n => n.EntryId == entryId && n.Kind == kind).ToListAsync();
        var ids = rows.Select(r => r.RecipientId).ToList();
        var emails = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email!);
        return rows.Select(r => (emails[r.RecipientId], r)).OrderBy(r => r.Item1, StringComparer.Ordinal).ToList();
    });

    public Task<List<AuditEntry>> AuditAsync(Guid entryId, string action) => WithScopeAsync(services =>
        services.GetRequiredService<HubDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.SubjectId == entryId.ToString() && a.Action == action).ToListAsync());

    public Task<(int Sent, int Failed)> SendMailAsync() =>
        WithScopeAsync(services => services.GetRequiredService<NotificationMailer>().SendDueAsync());

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _setup.Dispose();
        }

        base.Dispose(disposing);
    }
}
