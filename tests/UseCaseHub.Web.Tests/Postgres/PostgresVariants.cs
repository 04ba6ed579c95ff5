using UseCaseHub.Core.Store;
using UseCaseHub.Testing;
using UseCaseHub.Web.Tests.Api;
using UseCaseHub.Web.Tests.Audit;
using UseCaseHub.Web.Tests.Search;
using UseCaseHub.Web.Tests.Versions;

namespace UseCaseHub.Web.Tests.Postgres;

// The web integration tests again on a PostgreSQL store: each class inherits every test of its SQLite original and
// only changes the host's store. Skipped (reported, not passed) when USECASEHUB_TEST_POSTGRES is not set.

/// <summary>The API host (test authentication) on a PostgreSQL database of its own.</summary>
public sealed class PostgresApiFactory : ApiFactory
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}

/// <summary>The host on a PostgreSQL database of its own.</summary>
public sealed class PostgresHubFactory : HubFactory
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}

public sealed class WriteTestsOnPostgres(PostgresApiFactory factory) : WriteTests(factory), IClassFixture<PostgresApiFactory>, IPostgresVariant;

public sealed class WorkflowActionTestsOnPostgres(PostgresApiFactory factory) : WorkflowActionTests(factory), IClassFixture<PostgresApiFactory>, IPostgresVariant;

public sealed class QueryOptionTestsOnPostgres(PostgresApiFactory factory) : QueryOptionTests(factory), IClassFixture<PostgresApiFactory>, IPostgresVariant;

public sealed class AuditApiTestsOnPostgres(PostgresApiFactory factory) : AuditApiTests(factory), IClassFixture<PostgresApiFactory>, IPostgresVariant;

public sealed class RevisionLeakTestsOnPostgres(PostgresApiFactory factory) : RevisionLeakTests(factory), IClassFixture<PostgresApiFactory>, IPostgresVariant;

public sealed class SearchApiTestsOnPostgres(PostgresHubFactory factory) : SearchApiTests(factory), IClassFixture<PostgresHubFactory>, IPostgresVariant;
