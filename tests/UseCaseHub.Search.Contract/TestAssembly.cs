namespace UseCaseHub.Testing;

/// <summary>The name of the assembly that compiles tests/Shared, for the discoverers of the shared store test attributes (tests/Shared/StoreFacts.cs).</summary>
internal static class TestAssembly
{
    public const string Name = "UseCaseHub.Search.Contract";
}
