using System.Net;
using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Web.Tests.Api;

/// <summary>
/// The visibility rule per role, through the front door and every side door: $count, $expand from
/// taxonomies, organisations and best practices, $apply, $search and direct reads by key.
/// </summary>
public sealed class VisibilityTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string DraftPid = "UC-2026-00005";
    private readonly ApiTestKit _api = new(factory);

    public static TheoryData<string> Callers => ["anonymous", "no-role", "member-own", "member-other", "curator", "admin"];

    private async Task<Caller> CallerAsync(string who) => who switch
    {
        "anonymous" => Caller.Anonymous,
        "no-role" => new Caller("Guest"),
        "member-own" => Caller.Member(await _api.OrganizationIdAsync("Fixture Utility")),
        "member-other" => Caller.Member(await _api.OrganizationIdAsync("UseCaseHub editors")),
        "curator" => Caller.Curator,
        _ => Caller.Admin,
    };

    private async Task<(Caller Caller, List<Entry> Visible)> SetUpAsync(string who)
    {
        var caller = await CallerAsync(who);
        var store = await _api.StoreAsync();
        Assert.Contains(store, e => e.Pid == DraftPid && e.Status == EntryStatus.Draft);
        return (caller, store.Where(e => ApiTestKit.Sees(caller, e)).ToList());
    }

    private static bool SeesDraft(string who) => who is "member-own" or "curator" or "admin";

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Entry_sets_and_count_show_what_the_caller_may_see(string who)
    {
        var (caller, visible) = await SetUpAsync(who);
        var useCases = ApiTestKit.Pids(visible.OfType<UseCase>());

        Assert.Equal(SeesDraft(who), useCases.Contains(DraftPid));
        Assert.Equal(useCases, await _api.PidsAsync("/odata/UseCases?$select=Pid", caller));
        Assert.Equal(ApiTestKit.Pids(visible), await _api.PidsAsync("/odata/Entries?$select=Pid", caller));
        Assert.Equal(useCases.Count, (int)(await _api.GetAsync("/odata/UseCases?$count=true&$top=0", caller))["@odata.count"]!);
        Assert.Equal(useCases.Count, int.Parse(await ((await _api.SendAsync(HttpMethod.Get, "/odata/UseCases/$count", caller)).Response.Content.ReadAsStringAsync()), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Reading_a_hidden_entry_by_key_is_not_found(string who)
    {
        var (caller, visible) = await SetUpAsync(who);
        var draft = (await _api.StoreAsync()).Single(e => e.Pid == DraftPid);

        var (status, _, _) = await _api.SendAsync(HttpMethod.Get, $"/odata/UseCases({draft.Id})", caller);

        Assert.Equal(visible.Any(e => e.Id == draft.Id) ? HttpStatusCode.OK : HttpStatusCode.NotFound, status);
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Expanding_entries_from_a_goal_an_organisation_or_a_country_applies_the_rule(string who)
    {
        var (caller, visible) = await SetUpAsync(who);

        var goal = await _api.GetAsync("/odata/Sdgs(6)?$expand=Entries($select=Pid)", caller);
        Assert.Equal(ApiTestKit.Pids(visible.Where(e => e.Sdgs.Any(s => s.Number == 6))),
            goal["Entries"]!.AsArray().Select(e => (string)e!["Pid"]!).Order(StringComparer.Ordinal));

        var organizations = await _api.GetAsync("/odata/Organizations?$expand=Entries($select=Pid)", caller);
        Assert.Equal(ApiTestKit.Pids(visible.Where(e => e.OrganizationId is not null)),
            organizations["value"]!.AsArray().SelectMany(o => o!["Entries"]!.AsArray().Select(e => (string)e!["Pid"]!)).Order(StringComparer.Ordinal));

        var kenya = await _api.GetAsync("/odata/Countries('KE')?$expand=Entries($select=Pid;$count=true)", caller);
        var expected = ApiTestKit.Pids(visible.Where(e => e.Countries.Any(c => c.Iso2 == "KE")));
        Assert.Equal(expected, kenya["Entries"]!.AsArray().Select(e => (string)e!["Pid"]!).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Count, (int)kenya["Entries@odata.count"]!);
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task A_best_practice_shows_only_the_use_cases_it_draws_on_that_the_caller_may_see(string who)
    {
        var (caller, visible) = await SetUpAsync(who);
        var practice = visible.OfType<BestPractice>().Single(b => b.Slug == "choosing-lpwan");
        Assert.Contains(practice.DrawsOn, u => u.Pid == DraftPid);

        var body = await _api.GetAsync($"/odata/BestPractices({practice.Id})?$expand=DrawsOn($select=Pid)", caller);

        Assert.Equal(ApiTestKit.Pids(practice.DrawsOn.Where(u => ApiTestKit.Sees(caller, u))),
            body["DrawsOn"]!.AsArray().Select(e => (string)e!["Pid"]!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Filtering_expanding_and_apply_cannot_reveal_drafts(string who)
    {
        var (caller, visible) = await SetUpAsync(who);

        var drafts = await _api.PidsAsync("/odata/UseCases?$filter=Status eq 'Draft'&$select=Pid", caller);
        Assert.Equal(ApiTestKit.Pids(visible.OfType<UseCase>().Where(u => u.Status == EntryStatus.Draft)), drafts);

        var grouped = await _api.GetAsync("/odata/EntryTags?$apply=filter(Facet eq 'sdg' and Code eq '6')/groupby((Code),aggregate($count as Entries))", caller);
        Assert.Equal(visible.Count(e => e.Sdgs.Any(s => s.Number == 6)), (int)grouped["value"]![0]!["Entries"]!);

        var byStatus = await _api.GetAsync("/odata/UseCases?$apply=groupby((Status),aggregate($count as Count))", caller);
        Assert.Equal(SeesDraft(who), byStatus["value"]!.AsArray().Any(r => (string)r!["Status"]! == "Draft"));

        var throughGoal = await _api.GetAsync("/odata/Sdgs?$filter=Entries/any(e: e/Status eq 'Draft')&$select=Number", caller);
        Assert.Equal(SeesDraft(who), throughGoal["value"]!.AsArray().Count > 0);
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Search_finds_a_draft_only_for_callers_who_may_see_it(string who)
    {
        var (caller, visible) = await SetUpAsync(who);
        var engineFinds = await _api.EngineFindsAsync("draft");
        var expected = ApiTestKit.Pids(visible.OfType<UseCase>().Where(u => engineFinds.Contains(u.Id)));

        var found = await _api.PidsAsync("/odata/UseCases?$search=draft&$select=Pid", caller);

        Assert.Equal(expected, found);
        Assert.Equal(SeesDraft(who), found.Contains(DraftPid));
    }
}
