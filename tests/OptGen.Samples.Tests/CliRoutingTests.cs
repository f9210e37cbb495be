using OptGen.Cli;
using OptGen.Optimizers;
using OptGen.Samples;

namespace OptGen.Samples.Tests;

/// <summary>The CLI's routed optimizers: --no-decay-bias-norm with any built-in that has WeightDecay, and --optimizer muon.</summary>
public sealed class CliRoutingTests
{
    private static string Iris => RepoData.File("pandas/iris.csv");

    /// <summary>
    /// The main job (optdigits, 64-256-10, 40 epochs, cosine) with AdamW at --lr 0.002, no decay on biases: 0.973 on the
    /// default seed (AdamW's default 1e-3 stays at 0.968 with or without the flag; 2e-3 with decay on every tensor, 0.974).
    /// </summary>
    [Fact]
    public void AdamWWithoutDecayOnBiasesReaches97PercentOnOptdigits()
    {
        CliSettings settings = CliSettings.Default with { Optimizer = "adamw", LearningRate = 0.002f, PlotPath = null, NoDecayBiasNorm = true };
        RunResult r = TrainCommand.Train(settings, CliConsole.To(TextWriter.Null)).Single();
        Assert.True(r.Test.Accuracy >= 0.97, $"test accuracy {r.Test.Accuracy}");
    }

    /// <summary>The main job with --optimizer muon (Muon on the [out, in] weights, AdamW on the biases), defaults: 0.972.</summary>
    [Fact]
    public void MuonAndAdamWReach97PercentOnOptdigits()
    {
        CliSettings settings = CliSettings.Default with { Optimizer = "muon", PlotPath = null };
        RunResult r = TrainCommand.Train(settings, CliConsole.To(TextWriter.Null)).Single();
        Assert.True(r.Test.Accuracy >= 0.97, $"test accuracy {r.Test.Accuracy}");
    }

    [Fact]
    public void NoDecayBiasNormRoutesBiasesToASecondOptimizerWithoutDecayAndSettingsReachBoth()
    {
        CliSettings settings = CliSettings.Default with
        {
            Optimizer = "adamw", WeightDecay = 0.05f, LearningRate = 0.002f, NoDecayBiasNorm = true,
            Hyperparameters = HyperparameterAssignment.Parse(["Beta2=0.98"]),
        };
        var routed = Assert.IsType<RoutedOptimizer>(OptimizerSetup.Create(OptimizerChoice.Select("adamw")[0], settings));
        var decay = Assert.IsType<AdamW>(routed.Routes[0].Optimizer);
        var noDecay = Assert.IsType<AdamW>(routed.Routes[1].Optimizer);
        Assert.Equal((0.05f, 0.98f, 0.002f), (decay.WeightDecay, decay.Beta2, decay.LearningRate));
        Assert.Equal((0f, 0.98f, 0.002f), (noDecay.WeightDecay, noDecay.Beta2, noDecay.LearningRate));
        Assert.Equal(["decay", "no_decay"], routed.Routes.Select(r => r.Name));
        Assert.Equal(1, routed.RouteOf(new Parameter([256], "dense0.bias")));
        Assert.Equal(0, routed.RouteOf(new Parameter([256, 64], "dense0.weight")));
    }

    [Fact]
    public void TheFlagTrainsFromTheCommandLineAndTheHeaderShowsBothGroups()
    {
        (int code, string output, string error) = Cli("--data", Iris, "--optimizer", "adamw", "--no-decay-bias-norm", "--epochs", "3", "--plot", "none");
        Assert.True(code == 0, error);
        string text = string.Join(" ", output.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("decay: AdamW LearningRate=0.001", text);
        Assert.Contains("no_decay: AdamW LearningRate=0.001, Beta1=0.9, Beta2=0.999, Eps=1E-08, WeightDecay=0,", text);
    }

    [Fact]
    public void ListWithTheFlagShowsEachGroupsHyperparameters()
    {
        (int code, string output, string error) = Cli("--list", "--optimizer", "adamw", "--no-decay-bias-norm", "--weight-decay", "0.05");
        Assert.True(code == 0, error);
        Assert.Matches(@"\nroute decay: AdamW\n(.*\n)*WeightDecay +float +0\.05 +>= 0\n(.*\n)*route no_decay: AdamW\n(.*\n)*WeightDecay +float +0 +>= 0\n", output);
    }

    [Fact]
    public void NoDecayBiasNormWithAnOptimizerWithoutWeightDecayFailsBeforeTraining()
    {
        (int code, string output, string error) = Cli("--data", Iris, "--optimizer", "rprop", "--no-decay-bias-norm", "--plot", "none");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("error: --no-decay-bias-norm (Rprop): Rprop has no WeightDecay hyperparameter", error);
    }

    [Fact]
    public void MuonRoutesMatricesToMuonAndTheRestToAdamW()
    {
        OptimizerChoice muon = Assert.Single(OptimizerChoice.Select("Muon"));
        Assert.Same(OptimizerChoice.Muon, muon);
        Assert.Contains("muon", OptimizerChoice.Names);
        Assert.Single(OptimizerChoice.Names, n => n == "muon");
        if (!BuiltInOptimizers.TryGet("muon", out _))
        {
            var e = Assert.Throws<ArgumentException>(() => OptimizerSetup.Create(muon, CliSettings.Default));
            Assert.Contains("needs OptGen.Optimizers.Muon", e.Message);
            return;
        }
        var routed = Assert.IsType<RoutedOptimizer>(OptimizerSetup.Create(muon, CliSettings.Default));
        Assert.Equal("Muon", routed.Routes[0].Optimizer.GetType().Name);
        Assert.IsType<AdamW>(routed.Routes[1].Optimizer);
        Assert.Equal(0, routed.RouteOf(new Parameter([10, 64], "dense1.weight")));
        Assert.Equal(1, routed.RouteOf(new Parameter([10], "dense1.bias")));
    }

    private static (int Code, string Output, string Error) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, error, CliConsole.To(output));
        return (code, output.ToString(), error.ToString());
    }
}
