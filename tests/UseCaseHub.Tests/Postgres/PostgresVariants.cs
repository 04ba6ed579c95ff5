using UseCaseHub.Core.Store;
using UseCaseHub.Testing;
using UseCaseHub.Tests.ContentFiles;
using UseCaseHub.Tests.Workflow;

namespace UseCaseHub.Tests.Postgres;

// The core store tests again on PostgreSQL: each class inherits every test of its SQLite original and only changes
// the store. Skipped (reported, not passed) when USECASEHUB_TEST_POSTGRES is not set.

public sealed class ContentImporterTestsOnPostgres : ContentImporterTests, IPostgresVariant
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}

public sealed class EntryRevisionTestsOnPostgres : EntryRevisionTests, IPostgresVariant
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}
