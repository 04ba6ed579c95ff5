namespace UseCaseHub.Testing;

/// <summary>This test assembly's name, for the discoverers of the shared store test attributes (tests/Shared/StoreFacts.cs).</summary>
internal static class TestAssembly
{
    public const string Name = "UseCaseHub.Web.Tests";
}
