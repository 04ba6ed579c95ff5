using Xunit.Abstractions;
using Xunit.Sdk;

namespace UseCaseHub.Testing;

/// <summary>
/// Marks a test class as the PostgreSQL variant of a store or web test class (a subclass that puts the same tests on
/// PostgreSQL). Its <see cref="StoreFactAttribute"/> and <see cref="StoreTheoryAttribute"/> tests are reported as
/// SKIPPED, never as passed, when <c>USECASEHUB_TEST_POSTGRES</c> is not set.
/// </summary>
#pragma warning disable CA1040 // a marker: the test class's type is what the discoverer reads
public interface IPostgresVariant;
#pragma warning restore CA1040

/// <summary>A fact that runs on every store its class is put on (SQLite, and PostgreSQL in an <see cref="IPostgresVariant"/>).</summary>
[XunitTestCaseDiscoverer("UseCaseHub.Testing.StoreFactDiscoverer", TestAssembly.Name)]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>A theory that runs on every store its class is put on (see <see cref="StoreFactAttribute"/>).</summary>
[XunitTestCaseDiscoverer("UseCaseHub.Testing.StoreTheoryDiscoverer", TestAssembly.Name)]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreTheoryAttribute : TheoryAttribute;

internal static class StoreVariant
{
    public static string? SkipReason(ITestMethod method) =>
        typeof(IPostgresVariant).IsAssignableFrom(method.TestClass.Class.ToRuntimeType()) && PostgresTestDatabase.Server is null
            ? PostgresTestDatabase.SkipReason
            : null;
}

/// <summary>A test case whose skip reason also depends on its class: a PostgreSQL variant without a server is skipped.</summary>
public sealed class StoreTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public StoreTestCase()
    {
    }

    public StoreTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method, object[]? arguments = null)
        : base(sink, display, options, method, arguments)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) =>
        StoreVariant.SkipReason(TestMethod) ?? base.GetSkipReason(factAttribute);
}

public sealed class StoreFactDiscoverer(IMessageSink sink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        [new StoreTestCase(sink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
}

public sealed class StoreTheoryDiscoverer(IMessageSink sink) : TheoryDiscoverer(sink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        StoreVariant.SkipReason(testMethod) is null
            ? base.Discover(discoveryOptions, testMethod, theoryAttribute)
            // One skipped case for the whole theory: its data rows are never built without a server.
            : [new StoreTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
}
