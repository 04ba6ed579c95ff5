using System.Reflection;

namespace UseCaseHub.Tests.Search;

/// <summary>
/// Put on a test assembly whose engine needs something outside the build machine (a live Elasticsearch cluster): the
/// contract's tests in that assembly are reported as skipped, never as passed, while <see cref="Variable"/> is unset.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class SearchContractRequiresAttribute(string variable) : Attribute
{
    public string Variable { get; } = variable;

    /// <summary>Why the contract is skipped in this test process, or null to run it.</summary>
    internal static string? SkipReason()
    {
        // Each test assembly runs in its own process: only its own requirement is loaded here.
        var missing = AppDomain.CurrentDomain.GetAssemblies()
            .SelectMany(a => a.GetCustomAttributes<SearchContractRequiresAttribute>())
            .Select(r => r.Variable)
            .FirstOrDefault(v => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v)));
        return missing is null ? null : $"{missing} is not set: this engine's search contract needs it (skipped, not passed).";
    }
}

/// <summary>A contract fact: run, or skipped when the engine's requirement (<see cref="SearchContractRequiresAttribute"/>) is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContractFactAttribute : FactAttribute
{
    public ContractFactAttribute() => Skip = SearchContractRequiresAttribute.SkipReason();
}

/// <summary>A contract theory: run, or skipped as <see cref="ContractFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContractTheoryAttribute : TheoryAttribute
{
    public ContractTheoryAttribute() => Skip = SearchContractRequiresAttribute.SkipReason();
}
