using OptGen.Cli;
using OptGen.Samples;

namespace OptGen.Samples.Tests;

/// <summary>The main job as a library function: accuracy, checkpoints and resume, and data errors.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void DefaultConfigurationReaches97PercentOnOptdigits()
    {
        var text = new StringWriter();
        int code = TrainCommand.Run(CliSettings.Default with { PlotPath = null }, CliConsole.To(text));
        Assert.Equal(0, code);
        string last = text.ToString().TrimEnd().Split('\n')[^1];
        Assert.Matches(@"^test accuracy: 0\.9[0-9]{3}$", last);
        double accuracy = double.Parse(last["test accuracy: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(accuracy >= 0.97, last);
    }

    [Fact]
    public void PausedAndResumedRunEqualsAStraightRunBitForBit()
    {
        CliSettings settings = Short();
        string straight = Path.Combine(_temp.Path, "straight.ckpt"), paused = Path.Combine(_temp.Path, "paused.ckpt");
        List<RunResult> full = TrainCommand.Train(settings with { CheckpointPath = straight }, CliConsole.To(TextWriter.Null));

        List<RunResult> first = TrainCommand.Train(settings with { CheckpointPath = paused, StopAfter = 2 }, CliConsole.To(TextWriter.Null));
        Assert.False(first[0].Finished);
        Assert.Equal(2, first[0].History.Count);
        List<RunResult> rest = TrainCommand.Train(settings with { CheckpointPath = paused }, CliConsole.To(TextWriter.Null));

        Assert.Equal(2, rest[0].ResumedAfter);
        Assert.Equal(full[0].History.Count, rest[0].History.Count); // the saved history is restored for reports and plots
        Assert.Equal(full[0].Test, rest[0].Test);
        Assert.Equal(File.ReadAllBytes(straight), File.ReadAllBytes(paused)); // weights, optimizer and trainer state
    }

    [Fact]
    public void CheckpointOfAnotherConfigurationIsRefused()
    {
        string path = Path.Combine(_temp.Path, "run.ckpt");
        TrainCommand.Train(Short() with { CheckpointPath = path, StopAfter = 1 }, CliConsole.To(TextWriter.Null));
        var error = new StringWriter();
        int code = Program.Run(["--optimizer", "dsl", "--layers", "16", "--epochs", "4", "--seed", "9", "--plot", "none", "--checkpoint", path], error);
        Assert.Equal(1, code);
        Assert.Contains("different run", error.ToString());
        Assert.Contains("seed", error.ToString());
    }

    [Theory]
    [InlineData("bad.csv", "1,2,0\n3,4,1\n5,oops,0\n")]  // a value that is not a number
    [InlineData("ragged.csv", "1,2,0\n3,4,1\n5,6,7,0\n")] // a row with one column too many
    public void AMalformedCsvFailsWithTheFileAndLine(string file, string text)
    {
        string path = Path.Combine(_temp.Path, file);
        File.WriteAllText(path, text);
        var error = new StringWriter();
        Assert.NotEqual(0, Program.Run(["--data", path, "--plot", "none"], error));
        Assert.Contains(path, error.ToString());
        Assert.Contains("line 3", error.ToString());
    }

    [Fact]
    public void PandasStyleIrisWithSpeciesNamesReaches90Percent()
    {
        // `optgen --data data/pandas/iris.csv`: a header of column names, the species as text, nothing else said.
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(["--data", RepoData.File("pandas/iris.csv"), "--plot", "none"], error, CliConsole.To(output));
        Assert.True(code == 0, error.ToString());
        string text = output.ToString();
        Assert.Contains("(120 train / 30 test rows, 3 classes)", text);
        Assert.Contains("classes: 0 setosa, 1 versicolor, 2 virginica", text);
        Assert.Contains("500 epochs", text); // no --epochs: 60,000 rows through the model, 500 epochs of 120
        Assert.Contains("AdaBeliefW (DSL): test accuracy per class", text);
        Assert.Matches(@"│ versicolor +│ 10 ", text);
        string last = text.TrimEnd().Split('\n')[^1];
        Assert.Matches(@"^test accuracy: [01]\.[0-9]{4}$", last);
        double accuracy = double.Parse(last["test accuracy: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(accuracy >= 0.9, last);
    }

    [Fact]
    public void LabelColumnByNameAndTestFileWithTheTrainingClasses()
    {
        // The species first, a test file that lacks setosa: its rows keep the training file's class numbers.
        string train = Path.Combine(_temp.Path, "train.csv"), test = Path.Combine(_temp.Path, "test.csv");
        string[] rows = File.ReadAllLines(RepoData.File("pandas/iris.csv"));
        File.WriteAllLines(train, rows.Select(r => MoveLastFieldFirst(r)));
        File.WriteAllLines(test, rows.Take(1).Concat(rows.Skip(51)).Select(r => MoveLastFieldFirst(r)));
        var settings = Short() with { DataPath = train, TestPath = test, LabelColumn = "species" };
        List<RunResult> results = TrainCommand.Train(settings, CliConsole.To(TextWriter.Null));
        IReadOnlyList<ClassScore> scores = results[0].ClassScores!;
        Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, scores.Select(s => s.Name));
        Assert.Equal(new[] { 0, 50, 50 }, scores.Select(s => s.Rows));
        // The same by position.
        Assert.Equal(results[0].Test, TrainCommand.Train(settings with { LabelColumn = "0" }, CliConsole.To(TextWriter.Null))[0].Test);
    }

    [Theory]
    [InlineData("--label", "kind", "no column is named 'kind'")]
    [InlineData("--label", "7", "label column 7 is outside the 5 columns")]
    [InlineData("--header", "sklearn", "n_samples 'sepal_length' is not a non-negative integer")]
    public void BadLabelOrHeaderOptionsNameTheFile(string option, string value, string problem)
    {
        string iris = RepoData.File("pandas/iris.csv");
        var error = new StringWriter();
        Assert.Equal(1, Program.Run(["--data", iris, option, value, "--plot", "none"], error, CliConsole.To(TextWriter.Null)));
        Assert.Contains(iris, error.ToString());
        Assert.Contains("line 1", error.ToString());
        Assert.Contains(problem, error.ToString());
    }

    [Fact]
    public void TruncatedIdxFailsWithTheFileAndOffset()
    {
        string images = Path.Combine(_temp.Path, "tiny-images-idx3-ubyte"), labels = Path.Combine(_temp.Path, "tiny-labels-idx1-ubyte");
        File.WriteAllBytes(images, [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3]); // 2 images of 2x2 need 8 bytes
        File.WriteAllBytes(labels, [0, 0, 8, 1, 0, 0, 0, 2, 0, 1]);
        var error = new StringWriter();
        Assert.NotEqual(0, Program.Run(["--data", images, "--plot", "none"], error)); // labels found by MNIST naming
        Assert.Contains(images, error.ToString());
        Assert.Contains("byte offset", error.ToString());
    }

    [Fact]
    public void MissingFileIsAnError()
    {
        var error = new StringWriter();
        Assert.Equal(1, Program.Run(["--data", Path.Combine(_temp.Path, "nope.csv"), "--plot", "none"], error));
        Assert.Contains("nope.csv", error.ToString());
    }

    private static string MoveLastFieldFirst(string row)
    {
        int comma = row.LastIndexOf(',');
        return row[(comma + 1)..] + "," + row[..comma];
    }

    private static CliSettings Short() => CliSettings.Default with { Optimizer = "dsl", Layers = [16], Epochs = 4, PlotPath = null };
}
