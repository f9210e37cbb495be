using System.Diagnostics;
using OptGen.Samples;

namespace OptGen.Samples.Tests;

/// <summary>The classification samples reach their accuracy targets on the default seed, and repeat exactly.</summary>
public class ClassificationTests
{
    public static TheoryData<string> SmallSets => new() { "iris", "wine", "breast-cancer" };

    [Theory]
    [MemberData(nameof(SmallSets))]
    public void SmallSetsReach95Percent(string name)
    {
        ClassificationSample.Result r = ClassificationSample.Run(Setup(name), TextWriter.Null);
        Assert.True(r.Test.Accuracy >= 0.95, $"{name}: {r.Test}");
    }

    [Fact]
    public void MnistSplit8000To2000Reaches95PercentInAMinute()
    {
        var watch = Stopwatch.StartNew();
        ClassificationSample.Result r = ClassificationSample.Run(ClassificationSample.Mnist, TextWriter.Null);
        Assert.Equal(8000, r.TrainRows);
        Assert.Equal(2000, r.TestRows);
        Assert.True(r.Test.Accuracy >= 0.95, r.Test.ToString());
        Assert.True(watch.Elapsed.TotalSeconds < 90, $"took {watch.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void SameSeedSameWeightsOtherSeedOtherWeights()
    {
        ClassificationSample.Result a = ClassificationSample.Run(ClassificationSample.Wine, TextWriter.Null, seed: 7);
        ClassificationSample.Result b = ClassificationSample.Run(ClassificationSample.Wine, TextWriter.Null, seed: 7);
        ClassificationSample.Result c = ClassificationSample.Run(ClassificationSample.Wine, TextWriter.Null, seed: 8);
        Assert.Equal(a.WeightsChecksum, b.WeightsChecksum);
        Assert.Equal(a.Test, b.Test);
        Assert.NotEqual(a.WeightsChecksum, c.WeightsChecksum);
    }

    private static ClassificationSample.Setup Setup(string name) => name switch
    {
        "iris" => ClassificationSample.Iris,
        "wine" => ClassificationSample.Wine,
        _ => ClassificationSample.BreastCancer,
    };
}
