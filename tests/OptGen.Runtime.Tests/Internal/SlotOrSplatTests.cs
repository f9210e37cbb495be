using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using OptGen.Internal;

namespace OptGen.Runtime.Tests.Internal;

/// <summary>
/// <see cref="Kernels.SlotOrSplat{V}"/>, which a kernel with a bfloat16 store reads its numbers past the first four
/// through: the slot its Splat filled where the machine has 32 vector registers, a fresh broadcast of the number where it
/// has 16. (In a kernel both hold the same number; here they differ, so the test sees which one is read.)
/// </summary>
public class SlotOrSplatTests
{
    private static readonly bool s_manyRegisters = Avx512F.IsSupported || AdvSimd.Arm64.IsSupported;

    [Fact]
    public void ReadsTheSlotOnlyWhereTheMachineHas32VectorRegisters()
    {
        float expected = s_manyRegisters ? 1f : 2f;
        Assert.Equal(expected, Read<F32x1>());
        Assert.Equal(expected, Read<F32x4>());
        Assert.Equal(expected, Read<F32x8>());
        Assert.Equal(expected, Read<F32x16>());
    }

    // Every lane of SlotOrSplat(slot = 1, number = 2): all lanes must agree.
    private static float Read<V>() where V : struct, IFloatVector<V>
    {
        var lanes = new float[16];
        V.Store(ref lanes[0], 0, Kernels.SlotOrSplat(V.Splat(1f), 2f));
        for (int i = 1; i < V.Count; i++)
            Assert.Equal(lanes[0], lanes[i]);
        return lanes[0];
    }
}
