namespace OptGen.Runtime.Tests.Support;

/// <summary>
/// The runtime tests' defaults for a <see cref="SimdPolicyScope"/>: the widest width, every core; and widths the
/// hardware does not accelerate run anyway (the JIT emulates them; an internal setting, so set here and not in the
/// support project), so every width's code is checked on any machine.
/// </summary>
internal static class Policy
{
    public static T With<T>(Func<T> body, int bits = 512, int threads = int.MaxValue, int threshold = 1 << 18, int chunk = 1 << 16)
    {
        bool emulate = SimdPolicy.UseUnacceleratedWidths;
        try
        {
            SimdPolicy.UseUnacceleratedWidths = true;
            return SimdPolicyScope.With(body, bits, threads, threshold, chunk);
        }
        finally
        {
            SimdPolicy.UseUnacceleratedWidths = emulate;
        }
    }
}
