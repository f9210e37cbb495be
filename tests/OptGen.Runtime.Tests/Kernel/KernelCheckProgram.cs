using System.Runtime.Intrinsics;
using OptGen.Runtime.Tests.Optimizers.Shaped;

namespace OptGen.Runtime.Tests.Kernel;

/// <summary>
/// Entry point of the test assembly (the test SDK's empty one is turned off), so that a child process can
/// run every kernel comparison with different JIT settings: <c>dotnet OptGen.Runtime.Tests.dll --kernel-check</c>;
/// with <see cref="AfterShapedSteps"/>, only after the steps of shaped optimizers that once left the JIT's profile of
/// a shared driver helper skewed (see <c>HardwarePathTests.KernelsMatchAfterProfiledShapedSteps</c>).
/// </summary>
public static class KernelCheckProgram
{
    public const string Argument = "--kernel-check";
    public const string AfterShapedSteps = "--after-shaped-steps";

    public static int Main(string[] args)
    {
        if (args.Length is < 1 or > 2 || args[0] != Argument || (args.Length == 2 && args[1] != AfterShapedSteps))
        {
            Console.Error.WriteLine($"usage: OptGen.Runtime.Tests {Argument} [{AfterShapedSteps}]");
            return 2;
        }
        if (args.Length == 2)
            AxisSplitTests.StepShapedOptimizers();
        KernelCheck.EmulateWidths = false; // under these JIT settings only the accelerated widths are meant to run
        Console.WriteLine($"accelerated: Vector512={Vector512.IsHardwareAccelerated} Vector256={Vector256.IsHardwareAccelerated} Vector128={Vector128.IsHardwareAccelerated}");
        int failures = 0, runs = 0;
        foreach (KernelCase c in KernelCases.All)
        {
            foreach (int width in KernelCases.Widths)
            {
                runs++;
                string? failure = KernelCheck.CheckAllLengths(c, width);
                if (failure is not null)
                {
                    failures++;
                    Console.WriteLine("FAIL " + failure);
                }
            }
        }
        Console.WriteLine($"{runs - failures} of {runs} kernel checks passed");
        return failures == 0 ? 0 : 1;
    }
}
