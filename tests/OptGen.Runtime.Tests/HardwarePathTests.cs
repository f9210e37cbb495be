using System.Diagnostics;
using OptGen.Runtime.Tests.Kernel;

namespace OptGen.Runtime.Tests;

/// <summary>
/// SimdPolicy only caps the width in software; these run every kernel comparison in a child process whose JIT
/// really lacks AVX2 (so the Vector256 path is not accelerated) or all hardware intrinsics (software vectors,
/// scalar path), via the test assembly's own entry point.
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

    private static string RunKernelCheck(params (string Name, string Value)[] environment)
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
        foreach (string knob in new[] { "DOTNET_EnableAVX2", "DOTNET_EnableHWIntrinsic", "DOTNET_EnableAVX512F", "COMPlus_EnableAVX2", "COMPlus_EnableHWIntrinsic" })
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
