using System.Text.RegularExpressions;
using OptGen.Cli;
using OptGen.Optimizers;
using OptGen.Samples;

namespace OptGen.Samples.Tests;

/// <summary>The CLI's choice of optimizer: --optimizer by any built-in name, --list, --set and their errors.</summary>
public sealed class CliOptimizerTests
{
    private static string Iris => RepoData.File("pandas/iris.csv");

    [Fact]
    public void ListShowsEveryNameWithItsPeerAndDescriptionOneLineEach()
    {
        (int code, string output, string error) = Cli("--list");
        Assert.True(code == 0, error);
        string[] lines = output.TrimEnd().Split('\n');
        Assert.Equal(["name", "peer", "description"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(OptimizerChoice.Names, lines.Skip(1).Select(l => l.Split(' ')[0]));
        foreach (BuiltInOptimizer b in BuiltInOptimizers.All)
        {
            if (b.Name == OptimizerChoice.Muon.Key)
                continue; // the CLI's muon is the routed Muon + AdamW recipe, checked below
            string line = lines.Single(l => l.StartsWith(b.Name + " ", StringComparison.Ordinal));
            Assert.Contains(b.Peer, line);
            Assert.Contains(b.Description, line);
        }
        Assert.Contains("torch.optim.Muon on rank-2 weights, torch.optim.AdamW on the rest", lines.Single(l => l.StartsWith("muon ", StringComparison.Ordinal)));
        Assert.DoesNotContain("training with", output); // it lists and exits
    }

    [Fact]
    public void ListWithAnOptimizerShowsItsHyperparametersAfterSet()
    {
        (int code, string output, string error) = Cli("--list", "--optimizer", "AdamW", "--set", "beta2=0.98", "--set", "Amsgrad=true");
        Assert.True(code == 0, error);
        Assert.StartsWith("adamw: AdamW, as torch.optim.AdamW", output);
        Assert.Matches(@"\nLearningRate +float +0\.001 +> 0\n", output);
        Assert.Matches(@"\nBeta2 +float +0\.98 +\[0, 1\]\n", output);
        Assert.Matches(@"\nAmsgrad +bool +true +true or false\n", output);
        Assert.Matches(@"\nEps +float +1E-08 +>= 0\n", output);
    }

    [Fact]
    public void SetReachesTheOptimizerTrainedAndTheHeader()
    {
        CliSettings settings = Settings("adamw") with
        {
            Hyperparameters = HyperparameterAssignment.Parse(["Beta2=0.5,amsgrad=1", "Maximize=false"]),
            LearningRate = 0.01f,
        };
        var adamW = Assert.IsType<AdamW>(OptimizerSetup.Create(OptimizerChoice.Select("adamw")[0], settings));
        Assert.Equal((0.5f, true, false, 0.01f), (adamW.Beta2, adamW.Amsgrad, adamW.Maximize, adamW.LearningRate));

        var header = new StringWriter();
        RunResult set = TrainCommand.Train(settings, CliConsole.To(header))[0];
        Assert.Contains("AdamW: LearningRate=0.01, Beta1=0.9, Beta2=0.5, Eps=1E-08, WeightDecay=0.01, Amsgrad=true, Maximize=false", Regex.Replace(header.ToString(), @"\s+", " ")); // unwrapped
        RunResult unset = TrainCommand.Train(settings with { Hyperparameters = [] }, CliConsole.To(TextWriter.Null))[0];
        Assert.NotEqual(unset.History[^1].TrainLoss, set.History[^1].TrainLoss); // the trainer used the values set
    }

    [Theory]
    [InlineData("Amsgrad=true", true)]
    [InlineData("Amsgrad=FALSE", false)]
    [InlineData("Amsgrad=1", true)]
    [InlineData("Amsgrad=0", false)]
    public void BoolsTakeTrueFalseOneAndZero(string assignment, bool expected)
    {
        var settings = Settings("adam") with { Hyperparameters = HyperparameterAssignment.Parse([assignment]) };
        Assert.Equal(expected, Assert.IsType<Adam>(OptimizerSetup.Create(OptimizerChoice.Select("adam")[0], settings)).Amsgrad);
    }

    [Theory]
    [InlineData("adamw", "Beta3=0.9", "--set Beta3=0.9 (AdamW): AdamW has no hyperparameter 'Beta3'.", "Its hyperparameters are: Beta1, Beta2, Eps, WeightDecay, Amsgrad, Maximize, LearningRate.")]
    [InlineData("adamw", "Beta2=1.5", "--set Beta2=1.5 (AdamW): Beta2 must be in [0, 1] (not NaN).", "Actual value was 1.5.")]
    [InlineData("adamw", "Eps=-1", "--set Eps=-1 (AdamW): Eps must be at least 0 (not NaN).", "")]
    [InlineData("adamw", "Beta2=0,98", "--set takes Name=value", "got '98'")]
    [InlineData("adamw", "Beta2=abc", "--set Beta2=abc (AdamW): Beta2 is a float, and 'abc' is not a number.", "")]
    [InlineData("adamw", "Beta2=true", "Beta2 is a float, and 'true' is not a number.", "")]
    [InlineData("adamw", "Amsgrad=yes", "--set Amsgrad=yes (AdamW): Amsgrad is a bool: give true, false, 1 or 0, not 'yes'.", "")]
    [InlineData("adamw", "Amsgrad=2", "--set Amsgrad=2 (AdamW): Amsgrad is a bool: the value must be 0 (false) or 1 (true).", "")]
    [InlineData("dog", "InitStepType=1.5", "--set InitStepType=1.5 (Dog): InitStepType is an int: the value must be a whole number.", "")]
    [InlineData("dog", "InitStepType=3", "--set InitStepType=3 (Dog): InitStepType must be in [0, 2].", "")]
    [InlineData("sgd", "LearningRate=0", "--set LearningRate=0 (SGD + momentum 0.9): LearningRate must be a positive number.", "")]
    [InlineData("all", "Beta2=0.98", "--set Beta2=0.98 (SGD + momentum 0.9): Sgd has no hyperparameter 'Beta2'.", "")]
    [InlineData("adamw", "Beta2", "--set takes Name=value (e.g. --set Beta2=0.98,Eps=1e-6), but got 'Beta2'.", "")]
    public void BadSetFailsWithThePropertysMessageBeforeAnyTraining(string optimizer, string assignment, string message, string more)
    {
        // The data file does not exist: the --set error comes first, so nothing is read and nothing trains.
        (int code, string output, string error) = Cli("--data", Path.Combine(Path.GetTempPath(), "optgen-no-such-file.csv"), "--optimizer", optimizer, "--set", assignment, "--plot", "none");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: ", error);
        Assert.Contains(message, error);
        Assert.Contains(more, error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void MisspelledNamesGetTheClosestOne()
    {
        (int code, string output, string error) = Cli("--optimizer", "adamm", "--plot", "none");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("Unknown optimizer 'adamm'. Did you mean 'adam'?", error);
        Assert.Contains("all, dsl, sgd, adam, adamw,", error); // and every name

        (_, _, error) = Cli("--optimizer", "lion", "--set", "Beta=0.9", "--plot", "none");
        Assert.Contains("Lion has no hyperparameter 'Beta'. Did you mean 'Beta1'?", error);
        Assert.Contains(" Unknown optimizer 'xyzzy'. --list", " " + Cli("--optimizer", "xyzzy").Error); // nothing close: no guess
    }

    [Fact]
    public void WeightDecayIsSetOnEveryOptimizerTrainedThatHasOne()
    {
        CliSettings settings = Settings("all") with { WeightDecay = 0.05f };
        foreach (OptimizerChoice choice in OptimizerChoice.Select("all"))
        {
            var h = (IHyperparameters)OptimizerSetup.Create(choice, settings);
            Assert.Equal(0.05f, (float)h.GetHyperparameter("WeightDecay"));
        }
        (int code, _, string error) = Cli("--optimizer", "fromage", "--weight-decay", "0.1");
        Assert.Equal(1, code);
        Assert.Contains("--weight-decay 0.1 (Fromage): Fromage has no hyperparameter 'WeightDecay'.", error);
    }

    [Fact]
    public void TheDefaultComparisonIsUnchanged()
    {
        // The default run's three optimizers and their starting values, as before the catalogue (README's table).
        Assert.Equal(["sgd", "adam", "dsl"], OptimizerChoice.Select(CliSettings.Default.Optimizer).Select(c => c.Key));
        Assert.Equal(
            [
                "LearningRate=0.02, Momentum=0.9, Dampening=0, Nesterov=false, WeightDecay=0, Maximize=false",
                "LearningRate=0.001, Beta1=0.9, Beta2=0.999, Eps=1E-08, WeightDecay=0, Amsgrad=false, Maximize=false",
                "LearningRate=0.002, Beta1=0.9, Beta2=0.999, Eps=1E-08, WeightDecay=0.01, MaxGradNorm=5",
            ],
            OptimizerChoice.Comparison.Select(c => OptimizerSetup.Describe(OptimizerSetup.Create(c, CliSettings.Default))));
    }

    [Fact]
    public void ResumingWithOtherSetValuesIsRefused()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("optgen-cli-set-").FullName, "run.ckpt");
        try
        {
            CliSettings settings = Settings("adamw") with { CheckpointPath = path, StopAfter = 1, Epochs = 3 };
            TrainCommand.Train(settings with { Hyperparameters = HyperparameterAssignment.Parse(["Beta2=0.98"]) }, CliConsole.To(TextWriter.Null));

            var other = Assert.Throws<ArgumentException>(() => TrainCommand.Train(settings with { Hyperparameters = HyperparameterAssignment.Parse(["Beta2=0.9"]) }, CliConsole.To(TextWriter.Null)));
            Assert.Contains("(set Beta2=0.98, now Beta2=0.9)", other.Message);
            var none = Assert.Throws<ArgumentException>(() => TrainCommand.Train(settings, CliConsole.To(TextWriter.Null)));
            Assert.Contains("(set Beta2=0.98, now none)", none.Message);
            List<RunResult> same = TrainCommand.Train(settings with { Hyperparameters = HyperparameterAssignment.Parse(["Beta2=0.98"]), StopAfter = null }, CliConsole.To(TextWriter.Null));
            Assert.Equal(1, same[0].ResumedAfter);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    /// <summary>Every built-in and the DSL optimizer, by the name --optimizer takes.</summary>
    public static TheoryData<string> EveryOptimizer => new(BuiltInOptimizers.Names.Prepend(OptimizerChoice.Dsl.Key));

    /// <summary>
    /// Each optimizer trains the pandas-style iris (string labels) from where the CLI starts it. In-process through
    /// the CLI's job (TrainCommand.Train, as the checkpoint tests), so a failure names the optimizer and its numbers:
    /// 60 epochs of 4 batches take about 0.3 s each, where the 500 epochs of a run without --epochs would take 2 s.
    /// Every one reaches 0.8 there today (Lars and FTRL only from their CLI starting rates); 0.7 leaves room for a seed's luck,
    /// far above chance (1/3), and a test loss under ln 3 means the model learned more than the class shares.
    /// </summary>
    [Theory]
    [MemberData(nameof(EveryOptimizer))]
    public void EachOptimizerLearnsPandasStyleIris(string name)
    {
        var output = new StringWriter();
        RunResult r = TrainCommand.Train(Settings(name), CliConsole.To(output)).Single();
        Assert.Contains("classes: 0 setosa, 1 versicolor, 2 virginica", output.ToString());
        Assert.Equal(60, r.History.Count);
        Assert.All(r.History, e => Assert.True(double.IsFinite(e.TrainLoss), $"{name}: epoch {e.Epoch} train loss {e.TrainLoss}"));
        Assert.True(double.IsFinite(r.Test.Loss) && r.Test.Loss < Math.Log(3), $"{name}: test loss {r.Test.Loss}");
        Assert.True(r.Test.Accuracy >= 0.7, $"{name}: test accuracy {r.Test.Accuracy}");
    }

    private static CliSettings Settings(string optimizer)
        => CliSettings.Default with { DataPath = Iris, Optimizer = optimizer, Epochs = 60, PlotPath = null };

    private static (int Code, string Output, string Error) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, error, CliConsole.To(output));
        return (code, output.ToString(), error.ToString());
    }
}
