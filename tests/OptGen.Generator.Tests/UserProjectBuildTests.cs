using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OptGen.Generator.Tests;

/// <summary>
/// Builds small user projects with <c>dotnet build</c>, with the generator assembly as their analyzer (as the OptGen
/// package ships it), and reads the compiler's errors and warnings: what a user sees, #pragma and .editorconfig included.
/// </summary>
public sealed class UserProjectBuildTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private const string Quiet = """
        using OptGen;

        namespace User;

        #pragma warning disable OPTG0011 // the state is for a later version of the update
        [Optimizer]
        [State("later")]
        [Update("w -= lr * g")]
        public partial class Quiet { }
        #pragma warning restore OPTG0011

        public static class Program
        {
            public static void Main() => new Quiet().Step(new OptGen.Parameter(new float[] { 1 }));
        }
        """;

    private static string UnusedState(string name) => $$"""
        using OptGen;

        namespace User;

        [Optimizer]
        [State("unused")]
        [Update("w -= lr * g")]
        public partial class {{name}} { }
        """;

    private const string Typo = Samples.Typo + "\n\n" + """
        public static class UsesTypo
        {
            public static long Train(OptGen.Parameter p)
            {
                var optimizer = new Typo { LearningRate = 0.01f, Beta1 = 0.8f };
                optimizer.Step(p);
                return optimizer.StepCount;
            }
        }
        """;

    private sealed record Reported(string File, int Line, int Column, string Severity, string Id, string Message);

    [Fact]
    public void APragmaSilencesOPTG0011InAProjectBuiltWithWarningsAsErrors()
    {
        (int exitCode, List<Reported> reported, string log) = Build(new() { ["Quiet.cs"] = Quiet }, warningsAsErrors: true);
        Assert.True(exitCode == 0, log);
        Assert.Empty(reported);
    }

    [Fact]
    public void EditorconfigRaisesOPTG0011ToAnErrorAndATypoFailsWithOPTGErrorsOnly()
    {
        var files = new Dictionary<string, string>
        {
            ["Quiet.cs"] = Quiet,               // pragma: nothing
            ["Warned.cs"] = UnusedState("Warned"), // the control: a warning
            ["Raised.cs"] = UnusedState("Raised"), // .editorconfig: an error
            ["Typo.cs"] = Typo,
            [".editorconfig"] = "root = true\n\n[Raised.cs]\ndotnet_diagnostic.OPTG0011.severity = error\n",
        };
        (int exitCode, List<Reported> reported, string log) = Build(files, warningsAsErrors: false);

        Assert.True(exitCode != 0, log);
        Assert.Equal(
            [("Raised.cs", "error", "OPTG0011"), ("Typo.cs", "error", "OPTG0002"), ("Warned.cs", "warning", "OPTG0011")],
            reported.Select(r => (r.File, r.Severity, r.Id)).Order());
        Reported typo = reported.Single(r => r.Id == "OPTG0002");
        Assert.Equal((8, 9), (typo.Line, typo.Column));
        // The compiler appends the help link: the page of docs/diagnostics for the id.
        Assert.Equal($"The name 'Bta1' is not defined; did you mean 'Beta1'? ({DiagnosticDescriptors.UnknownName.HelpLinkUri})", typo.Message);
    }

    private (int ExitCode, List<Reported> Reported, string Log) Build(Dictionary<string, string> files, bool warningsAsErrors)
    {
        string bin = AppContext.BaseDirectory;
        File.WriteAllText(Path.Combine(_temp.Path, "User.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>{(warningsAsErrors ? "true" : "false")}</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="{Path.Combine(bin, "OptGen.Runtime.dll")}" />
                <Reference Include="{Path.Combine(bin, "OptGen.Attributes.dll")}" />
                <Analyzer Include="{Path.Combine(bin, "OptGen.Generator.dll")}" />
              </ItemGroup>
            </Project>
            """);
        // Nothing to restore from a feed, and the repository's build settings stay out of the way.
        File.WriteAllText(Path.Combine(_temp.Path, "nuget.config"), "<configuration><packageSources><clear /></packageSources></configuration>");
        File.WriteAllText(Path.Combine(_temp.Path, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(_temp.Path, "Directory.Build.targets"), "<Project />");
        foreach ((string name, string text) in files)
            File.WriteAllText(Path.Combine(_temp.Path, name), text);

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = _temp.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // No build server or compiler server left running after the test; errors once each (no summary).
        foreach (string arg in new[] { "build", "-c", "Release", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-clp:NoSummary" })
            start.ArgumentList.Add(arg);
        foreach (string variable in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
            start.Environment.Remove(variable);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using Process process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "dotnet build did not finish in 5 minutes");
        string log = stdout + stderr.Result;

        // "/tmp/.../Typo.cs(8,9): error OPTG0002: The name ... [/tmp/.../User.csproj]"
        var line = new Regex(@"^\s*(?<file>[^\s(][^(]*)\((?<line>\d+),(?<column>\d+)\): (?<severity>error|warning) (?<id>[A-Z]+\d+): (?<message>.*?)(?: \[[^\]]*\])?$", RegexOptions.Multiline);
        List<Reported> reported = line.Matches(log)
            .Select(m => new Reported(Path.GetFileName(m.Groups["file"].Value), int.Parse(m.Groups["line"].Value), int.Parse(m.Groups["column"].Value),
                m.Groups["severity"].Value, m.Groups["id"].Value, m.Groups["message"].Value.TrimEnd()))
            .Distinct()
            .ToList();
        return (process.ExitCode, reported, log);
    }
}
