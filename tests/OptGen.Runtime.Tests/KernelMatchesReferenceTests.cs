using OptGen.Runtime.Tests.Kernel;

namespace OptGen.Runtime.Tests;

/// <summary>
/// Generated kernels equal their float64 references for every length 1..257 (one tensor, and three tensors of
/// different lengths in one step) over five steps, on each vector-width path: 512, 256, 128 and scalar.
/// </summary>
[Collection(SimdPolicyCollection.Name)]
public class KernelMatchesReferenceTests
{
    public static IEnumerable<object[]> Cases(string prefix) =>
        from name in KernelCases.NamesStartingWith(prefix)
        from width in KernelCases.Widths
        select new object[] { name, width };

    [Theory]
    [MemberData(nameof(Cases), "Adam/")]
    public void Adam(string name, int maxVectorBits) => Check(name, maxVectorBits);

    [Theory]
    [MemberData(nameof(Cases), "Sgd/")]
    public void SgdWithMomentumDampeningNesterov(string name, int maxVectorBits) => Check(name, maxVectorBits);

    [Theory]
    [MemberData(nameof(Cases), "Lamb/")]
    public void LambTrustRatio(string name, int maxVectorBits) => Check(name, maxVectorBits);

    [Theory]
    [MemberData(nameof(Cases), "ClippedSgd/")]
    public void GlobalNormClipping(string name, int maxVectorBits) => Check(name, maxVectorBits);

    [Theory]
    [MemberData(nameof(Cases), "KitchenSink/")]
    public void RestOfTheLanguage(string name, int maxVectorBits) => Check(name, maxVectorBits);

    [Theory]
    [MemberData(nameof(Cases), "TwoPhase/")]
    public void ValuesLivingAcrossGlobalReductions(string name, int maxVectorBits) => Check(name, maxVectorBits);

    [Theory]
    [MemberData(nameof(Cases), "Powers/")]
    public void PowersOfNegativeBases(string name, int maxVectorBits) => Check(name, maxVectorBits);

    private static void Check(string name, int maxVectorBits)
    {
        int before = SimdPolicy.MaxVectorBits;
        string? failure = KernelCheck.CheckAllLengths(KernelCases.Named(name), maxVectorBits);
        Assert.True(failure is null, failure);
        Assert.Equal(before, SimdPolicy.MaxVectorBits);
    }
}
