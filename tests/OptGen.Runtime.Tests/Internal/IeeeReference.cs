namespace OptGen.Runtime.Tests.Internal;

/// <summary>
/// The maximum and minimum every width of the runtime computes, written out plainly: IEEE 754:2019 (+0 is larger than
/// −0), a NaN operand given back as it is, the first if both are NaN. That is what <c>float.Max</c> and
/// <c>Math.Max</c> give without AVX-512; with it, once the JIT optimizes them, .NET's give the second of two NaNs and
/// quiet a signalling one, so they cannot be the reference on every machine.
/// </summary>
internal static class IeeeReference
{
    public static float Max(float a, float b) =>
        float.IsNaN(a) ? a : float.IsNaN(b) ? b : a == b ? BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) & BitConverter.SingleToInt32Bits(b)) : a > b ? a : b;

    public static float Min(float a, float b) =>
        float.IsNaN(a) ? a : float.IsNaN(b) ? b : a == b ? BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) | BitConverter.SingleToInt32Bits(b)) : a < b ? a : b;

    public static double Max(double a, double b) =>
        double.IsNaN(a) ? a : double.IsNaN(b) ? b : a == b ? BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) & BitConverter.DoubleToInt64Bits(b)) : a > b ? a : b;

    public static double Min(double a, double b) =>
        double.IsNaN(a) ? a : double.IsNaN(b) ? b : a == b ? BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) | BitConverter.DoubleToInt64Bits(b)) : a < b ? a : b;
}
