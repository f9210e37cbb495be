#!/usr/bin/env bash
# Packs OptGen, OptGen.Training and OptGen.Testing into a temporary folder and uses them as a stranger would: console
# projects outside the solution, with their own nuget.config (the folder + nuget.org), TreatWarningsAsErrors and
# Nullable. One references all three (a DSL optimizer, a tiny network trained with the Trainer on a pandas-style CSV,
# the harness); one references OptGen alone and steps optimizers without the training package. Both build, run and
# must print what we expect.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
started=$SECONDS

work=$(mktemp -d)
# A version no earlier run used, so a package cached in ~/.nuget/packages can't stand in for the one just packed.
version="0.1.0-ci.$(date +%Y%m%d%H%M%S).$$"
cleanup() {
  rm -rf "$work"
  # The global packages folder keeps what the consumer restored; drop this run's throwaway versions.
  local cache=${NUGET_PACKAGES:-$HOME/.nuget/packages}
  rm -rf "$cache/optgen/$version" "$cache/optgen.training/$version" "$cache/optgen.testing/$version"
}
trap cleanup EXIT

echo "--- pack $version"
# --artifacts-path: a fresh build of its own, neither reusing nor disturbing the tree's bin/ and obj/.
# Package validation runs in each pack (EnablePackageValidation; docs/packaging.md).
for project in src/OptGen.Runtime/OptGen.Runtime.csproj src/OptGen.Training/OptGen.Training.csproj src/OptGen.Testing/OptGen.Testing.csproj; do
  dotnet pack "$project" -c Release -p:Version="$version" --artifacts-path "$work/artifacts" -o "$work/feed" \
    -warnaserror 2>&1 | tee -a "$work/pack.log"
done
ls -l "$work/feed"

nupkg="$work/feed/OptGen.$version.nupkg"
training="$work/feed/OptGen.Training.$version.nupkg"
for f in "$nupkg" "$work/feed/OptGen.$version.snupkg" "$training" "$work/feed/OptGen.Training.$version.snupkg" \
         "$work/feed/OptGen.Testing.$version.nupkg" "$work/feed/OptGen.Testing.$version.snupkg"; do
  [ -s "$f" ] || { echo "missing package $f"; exit 1; }
done
# unzip if the machine has it, else python3's zipfile.
zip_list() { if command -v unzip >/dev/null; then unzip -Z1 "$1"; else python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1"; fi; }
zip_cat() { if command -v unzip >/dev/null; then unzip -p "$1" "$2"; else python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' "$1" "$2"; fi; }
listing=$(zip_list "$nupkg")
for entry in lib/net10.0/OptGen.Runtime.dll lib/net10.0/OptGen.Runtime.xml lib/net10.0/OptGen.Attributes.dll \
             lib/net10.0/OptGen.Attributes.xml analyzers/dotnet/cs/OptGen.Generator.dll analyzers/dotnet/cs/OptGen.CodeFixes.dll README.md; do
  grep -qx "$entry" <<<"$listing" || { echo "OptGen.nupkg lacks $entry"; echo "$listing"; exit 1; }
done
# The generator with its analyzer, and the code fixes: nothing else (no Roslyn assemblies, no generator in lib/).
if grep -E '^lib/.*OptGen\.(Generator|CodeFixes)\.dll$|^analyzers/.*\.(dll)$' <<<"$listing" \
    | grep -vqxE 'analyzers/dotnet/cs/OptGen\.(Generator|CodeFixes)\.dll'; then
  echo "unexpected assemblies in OptGen.nupkg:"; echo "$listing"; exit 1
fi
symbols=$(zip_list "$work/feed/OptGen.$version.snupkg")
for entry in lib/net10.0/OptGen.Runtime.pdb lib/net10.0/OptGen.Attributes.pdb analyzers/dotnet/cs/OptGen.Generator.pdb \
             analyzers/dotnet/cs/OptGen.CodeFixes.pdb; do
  grep -qx "$entry" <<<"$symbols" || { echo "OptGen.snupkg lacks $entry"; echo "$symbols"; exit 1; }
done
nuspec=$(zip_cat "$nupkg" OptGen.nuspec)
grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || { echo "no MIT licence expression"; echo "$nuspec"; exit 1; }
grep -q '<repository type="git"' <<<"$nuspec" || { echo "no repository metadata"; echo "$nuspec"; exit 1; }
grep -q '<readme>README.md</readme>' <<<"$nuspec" || { echo "no readme"; echo "$nuspec"; exit 1; }
if grep -q 'id="OptGen.Attributes"\|id="OptGen.Generator"' <<<"$nuspec"; then
  echo "OptGen depends on an internal project as a package"; echo "$nuspec"; exit 1
fi
# The core needs nothing beyond the BCL: no package dependency at all, and none of the training package's code.
if grep -q '<dependency ' <<<"$nuspec"; then echo "OptGen has package dependencies"; echo "$nuspec"; exit 1; fi
if grep -E '^lib/.*OptGen\.Training\.dll$' <<<"$listing"; then echo "OptGen.nupkg holds OptGen.Training.dll"; exit 1; fi
# The package's own README (src/OptGen.Runtime/README.md), not the repository's.
zip_cat "$nupkg" README.md | head -n 1 | grep -qx '# OptGen' || { echo "OptGen.nupkg's README is not the package's own"; exit 1; }

# OptGen.Training: its assembly with XML docs, its README, and an exact dependency on OptGen of the same version (it
# uses OptGen's internals), plus the libraries its layers and CSV reader use; not OptGen's assemblies or the generator.
training_listing=$(zip_list "$training")
for entry in lib/net10.0/OptGen.Training.dll lib/net10.0/OptGen.Training.xml README.md; do
  grep -qx "$entry" <<<"$training_listing" || { echo "OptGen.Training.nupkg lacks $entry"; echo "$training_listing"; exit 1; }
done
if grep -E '\.dll$' <<<"$training_listing" | grep -vqx 'lib/net10.0/OptGen.Training.dll'; then
  echo "unexpected assemblies in OptGen.Training.nupkg:"; echo "$training_listing"; exit 1
fi
zip_cat "$training" README.md | head -n 1 | grep -qx '# OptGen.Training' || { echo "OptGen.Training.nupkg's README is not its own"; exit 1; }
training_nuspec=$(zip_cat "$training" OptGen.Training.nuspec)
grep -q "<dependency id=\"OptGen\" version=\"\[$version\]\"" <<<"$training_nuspec" \
  || { echo "OptGen.Training does not depend on exactly OptGen $version"; echo "$training_nuspec"; exit 1; }
# With all of OptGen's assets: a project that references OptGen.Training alone still gets the generator and analyzer.
if grep '<dependency id="OptGen" ' <<<"$training_nuspec" | grep -q 'exclude="[^"]*Analyzers'; then
  echo "OptGen.Training's dependency on OptGen excludes its analyzers"; echo "$training_nuspec"; exit 1
fi
for dep in Sep csFastFloat System.Numerics.Tensors; do
  grep -q "<dependency id=\"$dep\"" <<<"$training_nuspec" || { echo "OptGen.Training does not depend on $dep"; echo "$training_nuspec"; exit 1; }
done
grep -q '<readme>README.md</readme>' <<<"$training_nuspec" || { echo "OptGen.Training: no readme"; exit 1; }

echo "--- consumer"
consumer="$work/consumer"
mkdir -p "$consumer"
cat >"$consumer/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
EOF
# Keep the repository's Directory.Build.props, Directory.Packages.props and global.json out of the consumer's way.
echo '<Project />' >"$consumer/Directory.Build.props"
echo '<Project />' >"$consumer/Directory.Build.targets"
echo '<Project />' >"$consumer/Directory.Packages.props"
cat >"$consumer/Consumer.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="OptGen" Version="$version" />
    <PackageReference Include="OptGen.Training" Version="$version" />
    <PackageReference Include="OptGen.Testing" Version="$version" />
  </ItemGroup>
  <ItemGroup>
    <None Include="ConsumerAdam.cs.txt" CopyToOutputDirectory="PreserveNewest" />
  </ItemGroup>
</Project>
EOF
cat >"$consumer/ConsumerAdam.cs" <<'EOF'
using OptGen;

namespace Consumer;

/// <summary>Adam, declared with the DSL in a project that only references the OptGen package.</summary>
[Optimizer(LearningRate = 0.05)]
[State("m"), State("v")]
[Update("""
    m = Beta1 * m + (1 - Beta1) * g
    v = Beta2 * v + (1 - Beta2) * g * g
    w -= lr * (m / (1 - Beta1^t)) / (sqrt(v / (1 - Beta2^t)) + Eps)
    """)]
public partial class ConsumerAdam
{
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }
    [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }
}
EOF
# What both consumers run: minimise sum((w - target)^2) with an optimizer; the loss it reaches.
cat >"$consumer/Quadratic.cs" <<'EOF'
using OptGen;

namespace Consumer;

public static class Quadratic
{
    public static double Fit(IOptimizer optimizer, float[] target, int steps)
    {
        var p = new Parameter(new float[target.Length]);
        for (int step = 0; step < steps; step++)
        {
            for (int i = 0; i < target.Length; i++)
                p.Grad[i] = 2 * (p.Value[i] - target[i]);
            optimizer.Step(p);
        }
        double loss = 0;
        for (int i = 0; i < target.Length; i++)
            loss += (p.Value[i] - target[i]) * (p.Value[i] - target[i]);
        return loss;
    }
}
EOF
cat >"$consumer/Program.cs" <<'EOF'
using System.Globalization;
using OptGen;
using OptGen.Data;
using OptGen.Interop;
using OptGen.Nn;
using OptGen.Testing;
using OptGen.Training;

// Minimise sum((w - target)^2) with the DSL optimizer and with a built-in one.
float[] target = Enumerable.Range(0, 37).Select(i => MathF.Sin(i)).ToArray();
foreach (IOptimizer optimizer in new IOptimizer[] { new Consumer.ConsumerAdam(), new OptGen.Optimizers.Adam { LearningRate = 0.05f } })
{
    double loss = Consumer.Quadratic.Fit(optimizer, target, steps: 400);
    Console.WriteLine($"{optimizer.GetType().Name} steps {optimizer.StepCount} loss {loss.ToString("E2", CultureInfo.InvariantCulture)} {(loss < 1e-3 ? "converged" : "NOT converged")}");
}

// OptGen.Training: a pandas-style CSV (a header, string class labels), a tiny MLP trained by the Trainer with the DSL
// optimizer, and its weights as safetensors under torch.nn.Sequential's names (SafeTensors' extension members).
string csv = Path.Combine(Path.GetTempPath(), $"optgen-consumer-{Environment.ProcessId}.csv");
var lines = new List<string> { "x,y,colour" };
var random = new Random(3);
for (int i = 0; i < 80; i++)
{
    bool blue = i % 2 == 1;
    double x = (blue ? 1.5 : -1.5) + random.NextDouble() - 0.5, y = (blue ? -1 : 1) + random.NextDouble() - 0.5;
    lines.Add(string.Create(CultureInfo.InvariantCulture, $"{x:F3},{y:F3},{(blue ? "blue" : "red")}"));
}
File.WriteAllLines(csv, lines);
Dataset data = CsvReader.Read(csv);
File.Delete(csv);
(Dataset train, Dataset test) = data.Split(0.25, seed: 1);
var model = Sequential.Mlp([train.Columns, 8, train.ClassCount], seed: 42);
var trainer = new Trainer(model, new SoftmaxCrossEntropy(), new Consumer.ConsumerAdam { LearningRate = 0.05f },
    new TrainerOptions { Epochs = 30, BatchSize = 16, Seed = 42 });
trainer.Fit(train);
Metrics metrics = trainer.Evaluate(test);
Console.WriteLine($"trainer: classes {string.Join("/", data.ClassNames!)} accuracy {metrics.Accuracy!.Value.ToString("F2", CultureInfo.InvariantCulture)}");
string weights = Path.Combine(Path.GetTempPath(), $"optgen-consumer-{Environment.ProcessId}.safetensors");
SafeTensors.SaveModel(weights, model);
Console.WriteLine($"safetensors: {string.Join(",", SafeTensorsFile.Read(weights).Tensors.Select(t => t.Name))}");
SafeTensors.LoadModel(weights, model);
File.Delete(weights);

// OptGen.Testing: run the generator over a source text, as a test would.
GeneratorOutput output = GeneratorHarness.Run(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ConsumerAdam.cs.txt")));
Console.WriteLine($"harness: {string.Join(",", output.Sources.Keys)} with {output.AllDiagnostics.Length} diagnostics");
EOF
cp "$consumer/ConsumerAdam.cs" "$consumer/ConsumerAdam.cs.txt"
# The analyzer from the package: a warning the pragma silences (the build treats warnings as errors), and, built with
# OPTGEN_LOUD below, the same warning unsilenced and a typo that fails with the OPTG error alone.
cat >"$consumer/Diagnosed.cs" <<'EOF'
using OptGen;

namespace Consumer;

#if !OPTGEN_LOUD
#pragma warning disable OPTG0011 // kept for a later version of the update
#endif
/// <summary>An optimizer with a state it never reads.</summary>
[Optimizer]
[State("later")]
[Update("w -= lr * g")]
public partial class Quiet { }
#if !OPTGEN_LOUD
#pragma warning restore OPTG0011
#endif

#if OPTGEN_LOUD
/// <summary>A typo in a formula.</summary>
[Optimizer]
[State("m")]
[Update("m = Bta1 * m + g; w -= lr * m")]
public partial class Typo
{
    /// <summary>The momentum.</summary>
    [Hyperparameter(0.9)] public partial float Beta1 { get; set; }
}

/// <summary>Uses the class with the typo: it still has its members.</summary>
public static class UsesTypo
{
    /// <summary>One step.</summary>
    public static long Step(Parameter p)
    {
        var typo = new Typo { Beta1 = 0.5f };
        typo.Step(p);
        return typo.StepCount;
    }
}
#endif
EOF

(cd "$consumer" && dotnet build -c Release 2>&1 | tee "$work/consumer-build.log")
if grep -E ': warning [A-Z]+[0-9]+' "$work/consumer-build.log"; then echo "the consumer build has warnings"; exit 1; fi
run=$(cd "$consumer" && dotnet bin/Release/net10.0/Consumer.dll)
echo "$run"
grep -qx 'ConsumerAdam steps 400 loss [0-9.E+-]* converged' <<<"$run" || { echo "the DSL optimizer did not run as expected"; exit 1; }
grep -qx 'Adam steps 400 loss [0-9.E+-]* converged' <<<"$run" || { echo "the built-in optimizer did not run as expected"; exit 1; }
grep -qx 'harness: Consumer.ConsumerAdam.g.cs with 0 diagnostics' <<<"$run" || { echo "OptGen.Testing did not run the generator as expected"; exit 1; }
[[ "$run" =~ trainer:\ classes\ blue/red\ accuracy\ (1\.00|0\.9[0-9]) ]] || { echo "OptGen.Training's Trainer did not learn the blobs"; exit 1; }
# The file lists tensors by name, sorted (as the format's writer does).
grep -qx 'safetensors: 0.bias,0.weight,2.bias,2.weight' <<<"$run" || { echo "the model's safetensors names are not torch's"; exit 1; }

# The generator ran inside the consumer's build (EmitCompilerGeneratedFiles, docs/dsl.md §10), and its code uses no reflection.
generated=$(find "$consumer/obj" -path '*generated/OptGen.Generator/OptGen.Generator.OptGenGenerator/*' -name 'Consumer.ConsumerAdam.g.cs')
[ -s "$generated" ] || { echo "no generated file for ConsumerAdam under obj/"; exit 1; }
if grep -nE 'System\.Reflection|GetType\(\)\.|typeof\([^)]*\)\.Get|Activator\.|MakeGenericType|Type\.GetType' "$generated"; then
  echo "the generated code uses reflection"; exit 1
fi

echo "--- the analyzer from the package"
# Not the pragma (OPTGEN_LOUD): the warning, and the typo's error naming what was meant; no C# error at the use of Typo.
(cd "$consumer" && dotnet build -c Release -p:DefineConstants=OPTGEN_LOUD -p:TreatWarningsAsErrors=false -clp:NoSummary 2>&1 \
  | tee "$work/consumer-loud.log") && { echo "the build with a typo succeeded"; exit 1; }
grep -q "Diagnosed.cs([0-9]*,[0-9]*): warning OPTG0011: State 'later' is never read" "$work/consumer-loud.log" \
  || { echo "no OPTG0011 warning without the pragma: the analyzer did not run from the package"; exit 1; }
grep -q "Diagnosed.cs([0-9]*,[0-9]*): error OPTG0002: The name 'Bta1' is not defined; did you mean 'Beta1'?" "$work/consumer-loud.log" \
  || { echo "no OPTG0002 naming Beta1 for the typo"; exit 1; }
if grep -E ': error [A-Z]+[0-9]+' "$work/consumer-loud.log" | grep -v ': error OPTG0002'; then
  echo "the typo caused errors other than OPTG0002"; exit 1
fi

echo "--- a consumer of OptGen alone"
# The core package without OptGen.Training: a DSL optimizer and built-in ones step, and nothing of the training
# package (nor its dependencies) is restored or copied.
core="$work/core-only"
mkdir -p "$core"
cp "$consumer/nuget.config" "$consumer/Directory.Build.props" "$consumer/Directory.Build.targets" "$consumer/Directory.Packages.props" \
   "$consumer/ConsumerAdam.cs" "$consumer/Quadratic.cs" "$core/"
sed -e '/OptGen.Training\|OptGen.Testing\|ConsumerAdam.cs.txt/d' "$consumer/Consumer.csproj" >"$core/CoreOnly.csproj"
cat >"$core/Program.cs" <<'EOF'
using System.Globalization;
using OptGen;
using OptGen.Optimizers;

float[] target = Enumerable.Range(0, 19).Select(i => MathF.Cos(i)).ToArray();
foreach (IOptimizer optimizer in new IOptimizer[] { new Consumer.ConsumerAdam(), new Lion { LearningRate = 0.01f }, new AdamW { LearningRate = 0.05f } })
{
    double loss = Consumer.Quadratic.Fit(optimizer, target, steps: 300);
    Console.WriteLine($"core {optimizer.GetType().Name} steps {optimizer.StepCount} loss {loss.ToString("E2", CultureInfo.InvariantCulture)}");
}
EOF
(cd "$core" && dotnet build -c Release 2>&1 | tee "$work/core-build.log")
if grep -E ': warning [A-Z]+[0-9]+' "$work/core-build.log"; then echo "the core-only build has warnings"; exit 1; fi
core_run=$(cd "$core" && dotnet bin/Release/net10.0/CoreOnly.dll)
echo "$core_run"
for name in ConsumerAdam Lion AdamW; do
  grep -qE "^core $name steps 300 loss [0-9.E+-]+$" <<<"$core_run" || { echo "the core-only consumer did not step $name"; exit 1; }
done
for dll in OptGen.Training.dll Sep.dll csFastFloat.dll System.Numerics.Tensors.dll; do
  [ ! -e "$core/bin/Release/net10.0/$dll" ] || { echo "a consumer of OptGen alone got $dll"; exit 1; }
done
if grep -q '"OptGen.Training/' "$core/obj/project.assets.json"; then echo "a consumer of OptGen alone restored OptGen.Training"; exit 1; fi

echo "package check passed in $((SECONDS - started)) s"
