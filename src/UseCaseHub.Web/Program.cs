using UseCaseHub.Core.ContentFiles;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Access;
using UseCaseHub.Web.Api;
using UseCaseHub.Web.Attachments;
using UseCaseHub.Web.Cli;
using UseCaseHub.Web.Curation;
using UseCaseHub.Web.Errors;
using UseCaseHub.Web.Exports;
using UseCaseHub.Web.Feeds;
using UseCaseHub.Web.Health;
using UseCaseHub.Web.Identity;
using UseCaseHub.Web.Insights;
using UseCaseHub.Web.Localization;
using UseCaseHub.Web.Metadata;
using UseCaseHub.Web.Oai;
using UseCaseHub.Web.Offline;
using UseCaseHub.Web.Operations;
using UseCaseHub.Web.Search;
using UseCaseHub.Web.Security;
using UseCaseHub.Web.Site;
using UseCaseHub.Web.Submit;
using UseCaseHub.Web.Telemetry;

var command = HubCommand.Parse(args);
var builder = WebApplication.CreateBuilder(command.HostArgs);
// Errors first: the problem details writer must be registered before MVC's (added by the first AddRazorPages), which
// would otherwise claim the OData controllers' error answers and write them empty.
builder.Services.AddHubErrors();
builder.Services.AddHubStore(builder.Configuration);
builder.Services.AddHubContent();
builder.Services.AddHubLocalization(builder.Configuration);
builder.Services.AddHubHealth(builder.Configuration);
builder.Services.AddHubSite(builder.Configuration);
builder.Services.AddHubIdentity(builder.Configuration, builder.Environment);
builder.Services.AddHubAccess();
builder.Services.AddHubApi(builder.Configuration);
builder.Services.AddHubSearch(builder.Configuration);
builder.Services.AddHubTelemetry(builder.Configuration); // after AddHubSearch: it times the chosen engine
builder.Services.AddHubSecurityHeaders(builder.Environment);
builder.Services.AddHubApiCsrf();
builder.Services.AddHubSecurityContact(builder.Configuration);
builder.Services.AddHubCuration(builder.Configuration);
builder.Services.AddHubSubmit();
builder.Services.AddHubAttachments(builder.Configuration);
builder.Services.AddHubOffline(builder.Configuration);
builder.Services.AddHubExports(builder.Configuration);
builder.Services.AddHubFeeds(builder.Configuration);
builder.Services.AddHubOperations();
builder.Services.AddHubMetadata(builder.Configuration);
builder.Services.AddHubOai(builder.Configuration);
builder.Services.AddHubInsights(builder.Configuration);

var app = builder.Build();
if (command.Verb is not null)
{
    return await command.RunAsync(app);
}

await app.InitializeHubAsync();
await app.InitializeHubIdentityAsync();
app.UseHubForwardedHeaders();
app.UseHubSecurityHeaders();
app.UseHubErrors();
app.UseHubLocalization();
app.UseHubApi();
app.UseRouting();
app.UseHubIdentity();
app.UseHubApiCsrf();
app.UseHubSite();
app.MapHubIdentity();
app.MapHubApi();
app.MapHubApiCsrf();
app.MapHubSearch();
app.MapHubHealth();
app.MapHubTelemetry();
app.MapHubSecurityContact();
app.MapHubAttachments();
app.MapHubOffline();
app.MapHubExports();
app.MapHubFeeds();
app.MapHubMetadata();
app.MapHubOai();
app.MapHubInsights();
await app.RunAsync();
return 0;

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
