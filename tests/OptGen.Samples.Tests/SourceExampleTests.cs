using OptGen.Samples;

namespace OptGen.Samples.Tests;

/// <summary>Each source-document example runs and shows what it claims.</summary>
public class SourceExampleTests
{
    [Fact]
    public void Example1BinaryMlpLowersTheLossAndPrintsEvery100Epochs()
    {
        var text = new StringWriter();
        BinaryMlpSample.Result r = BinaryMlpSample.Run(text);
        Assert.Equal(1000, r.Losses.Count);
        Assert.Equal(10, text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(r.Losses[^1] < r.Losses[0] - 0.03, $"{r.Losses[0]} -> {r.Losses[^1]}");
        Assert.Equal(r.Losses, BinaryMlpSample.Run(TextWriter.Null).Losses); // seeded: the same numbers again
    }

    [Fact]
    public void Example2AllThreeOptimizersLearnTheTeacher()
    {
        IReadOnlyList<GradientNormalisationSample.Curve> curves = GradientNormalisationSample.Run(TextWriter.Null);
        Assert.Equal(["gradient normalisation", "RMSprop", "Adam"], curves.Select(c => c.Name));
        foreach (GradientNormalisationSample.Curve c in curves)
        {
            double start = c.Losses.Take(10).Average(), end = c.Losses.TakeLast(50).Average();
            Assert.True(end < 0.1 && end < start / 5, $"{c.Name}: {start:F3} -> {end:F3}");
        }
    }

    [Fact]
    public void Example3LearnsTheMatrixWithinATenth()
    {
        LinearMatrixSample.Result r = LinearMatrixSample.Run(TextWriter.Null);
        for (int i = 0; i < 4; i++)
            Assert.InRange(r.Matrix[i], LinearMatrixSample.TrueMatrix[i] - 0.1f, LinearMatrixSample.TrueMatrix[i] + 0.1f);
        Assert.All(r.Bias, b => Assert.InRange(b, -0.1f, 0.1f));
    }

    [Fact]
    public void Example4RecoversSlopeAndIntercept()
    {
        var text = new StringWriter();
        LinearRegressionSample.Result r = LinearRegressionSample.Run(text);
        Assert.Equal(11, text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // 10 losses + the fit
        Assert.Equal(LinearRegressionSample.TrueSlope, r.Slope, 0.05);
        Assert.Equal(LinearRegressionSample.TrueIntercept, r.Intercept, 0.05);
        Assert.Equal(r.LeastSquaresSlope, r.Slope, 1e-3); // gradient descent has converged to the exact fit
        Assert.Equal(r.LeastSquaresIntercept, r.Intercept, 1e-3);
    }

    [Fact]
    public void Example5SchedulesFollowTheirFormulasAndAllConverge()
    {
        IReadOnlyList<ScheduleComparisonSample.Curve> curves = ScheduleComparisonSample.Run(TextWriter.Null);
        ScheduleComparisonSample.Curve Get(string name) => curves.Single(c => c.Name == name);
        const int stepsPerEpoch = 10;
        for (int e = 0; e < Get("fixed").Rates.Count; e++)
        {
            long t = (e + 1) * stepsPerEpoch - 1; // the last step of epoch e+1
            Assert.Equal(0.05, Get("fixed").Rates[e], 6);
            Assert.Equal(0.05 * Math.Pow(0.99, t), Get("exponential").Rates[e], 6);
            Assert.Equal(0.05 / (1 + 0.01 * t), Get("inverse time").Rates[e], 6);
            Assert.InRange(Get("random").Rates[e], 0.01, 0.1);
        }
        Assert.True(Get("random").Rates.Distinct().Count() > 20);
        Assert.All(curves, c => Assert.True(c.Losses[^1] < 0.0125, $"{c.Name}: {c.Losses[^1]}")); // noise floor ≈ 0.01145
        Assert.Equal(Get("random").Losses, ScheduleComparisonSample.Run(TextWriter.Null).Single(c => c.Name == "random").Losses);
    }
}
