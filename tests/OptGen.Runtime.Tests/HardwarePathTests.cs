using System.Diagnostics;
using OptGen.Runtime.Tests.Kernel;

namespace OptGen.Runtime.Tests;

/// <summary>
/// SimdPolicy only caps the width in software; these run every kernel comparison in a child process whose JIT
/// really lacks AVX2 (so the Vector256 path is not accelerated) or all hardware intrinsics (software vectors,
/// scalar path), or compiles in an order that once exposed a JIT bug, via the test assembly's own entry point.
/// </summary>
public class HardwarePathTests
{
    [Fact]
    public void KernelsMatchWithoutAVX2()
    {
        string output = RunKernelCheck(("DOTNET_EnableAVX2", "0"));
        Assert.Contains("Vector256=False Vector128=True", output);
    }

    [Fact]
    public void KernelsMatchWithoutHardwareIntrinsics()
    {
        string output = RunKernelCheck(("DOTNET_EnableHWIntrinsic", "0"));
        Assert.Contains("Vector256=False Vector128=False", output);
    }

    /// <summary>
    /// Every kernel after the steps of shaped optimizers, with loops compiled fully optimized at once (a JIT setting;
    /// tiered runs reach the same state by timing, about one test run in three under load). There the runtime's
    /// profile of a small reduction helper shared by every kernel (which term of a pass to add up) was dominated by
    /// one case; kernels compiled afterwards inlined it with that case peeled off, and .NET 10's JIT then read term 0
    /// for term 1: LAMB's update norm was its weight norm (trust ratio 1), and every optimizer with two reductions in a
    /// pass went wrong, at every width. The driver's helpers now pick terms and parts by offset, without a switch.
    /// </summary>
    [Fact]
    public void KernelsMatchAfterProfiledShapedSteps() =>
        RunKernelCheck([KernelCheckProgram.AfterShapedSteps], ("DOTNET_TC_QuickJitForLoops", "0"), ("DOTNET_TieredPGO", "1"));

    private static string RunKernelCheck(params (string Name, string Value)[] environment) => RunKernelCheck([], environment);

    private static string RunKernelCheck(string[] arguments, params (string Name, string Value)[] environment)
    {
        string assembly = typeof(KernelCheckProgram).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add(KernelCheckProgram.Argument);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (string knob in new[] { "DOTNET_EnableAVX2", "DOTNET_EnableHWIntrinsic", "DOTNET_EnableAVX512F", "COMPlus_EnableAVX2", "COMPlus_EnableHWIntrinsic",
            "DOTNET_TC_QuickJitForLoops", "DOTNET_TieredPGO", "DOTNET_TieredCompilation" })
            start.Environment.Remove(knob);
        foreach ((string name, string value) in environment)
            start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The kernel check did not finish within 3 minutes:\n" + stdout);
        }
        string report = $"exit code {process.ExitCode}\n{stdout}\n{stderr.Result}";
        Assert.True(process.ExitCode == 0, report);
        Assert.Contains($"{KernelCases.All.Length * KernelCases.Widths.Length} of {KernelCases.All.Length * KernelCases.Widths.Length} kernel checks passed", stdout);
        return stdout;
    }

    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (File.Exists(host))
            return host;
        string? current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
            return current;
        return "dotnet";
    }
}
