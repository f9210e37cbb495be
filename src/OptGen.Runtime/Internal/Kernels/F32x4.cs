#pragma warning disable CS1591 // the operations are documented once, on IFloatVector; the lanes, on the types
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OptGen.Internal;

/// <summary>Four float lanes (<see cref="Vector128{T}"/>).</summary>
// The members every width writes alike come from FloatVector.template (expanded by FloatVectors.targets; the template
// says why a template, not a generic struct); here, the reductions across lanes.
public readonly partial struct F32x4
{
    [MethodImpl(Inline)] public static float MaxLane(F32x4 x) => MaxLane(x._v);

    /// <summary>The largest of four lanes (NaN if any is NaN): the last step of every width's <c>MaxLane</c>.</summary>
    [MethodImpl(Inline)]
    internal static float MaxLane(Vector128<float> x)
    {
        Vector128<float> pairs = Vector128.Max(x, Vector128.Shuffle(x, Vector128.Create(2, 3, 0, 1)));
        return Vector128.Max(pairs, Vector128.Shuffle(pairs, Vector128.Create(1, 0, 3, 2))).ToScalar();
    }

    [MethodImpl(Inline)]
    public static void AddTo(ref SumLanes sums, F32x4 term, int part)
    {
        (Vector128<double> lo, Vector128<double> hi) = Vector128.Widen(term._v);
        sums.Add(part, Vector256.Create(lo, hi));
    }
}
