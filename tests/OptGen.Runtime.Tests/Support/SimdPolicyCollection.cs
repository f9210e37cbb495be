namespace OptGen.Runtime.Tests.Support;

/// <summary>
/// Tests that change the process-wide <see cref="SimdPolicy.MaxVectorBits"/> (or measure allocations, which a
/// parallel test would disturb) run in this collection: never in parallel with any other test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SimdPolicyCollection
{
    public const string Name = "SimdPolicy (not parallel)";
}
