namespace OptGen.Training.Tests;

/// <summary>
/// Tests that change the process-wide <see cref="SimdPolicy"/> (through <see cref="OptGen.TestSupport.SimdPolicyScope"/>)
/// or count allocations on every thread, which another test would disturb, run in this collection: never in parallel
/// with any other test. The one such definition of this assembly.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SimdPolicyCollection
{
    public const string Name = "SimdPolicy (not parallel)";
}
