using OptGen.Internal;

namespace OptGen.Training.Tests.Training;

/// <summary>
/// The batch's rows copied in chunks across cores (<see cref="RowGather"/>): the same bytes split or not, nothing
/// allocated on any thread, and a row or a dataset the step cannot take refused before anything is read or changed.
/// </summary>
[Collection(SimdPolicyCollection.Name)]
public class RowGatherTests
{
    private const int Columns = 200, Rows = 400; // 300 picks of 200 floats: several chunks of RowGather.MinChunk

    // 300 rows in a scattered order, some of them twice: what a shuffled epoch hands the gather.
    private static int[] Picks()
    {
        var picks = new int[300];
        for (int i = 0; i < picks.Length; i++)
            picks[i] = i * 37 % Rows;
        picks[299] = picks[3];
        return picks;
    }

    private static float[] Gather(float[] features, int[] picks, int threshold, int threads) => SimdPolicyScope.With(threshold: threshold, threads: threads, body: () =>
    {
        var target = new float[picks.Length * Columns + 7]; // room past the batch, which stays untouched
        target.AsSpan(picks.Length * Columns).Fill(-1f);
        new RowGather().Run(features, Columns, picks, target);
        return target;
    });

    [Fact]
    public void GatheredRowsAreTheRowsInOrderSplitOrNot()
    {
        float[] features = TestData.Uniform(Rows * Columns, 3);
        int[] picks = Picks();
        float[] one = Gather(features, picks, threshold: int.MaxValue, threads: 1);
        long before = ParallelRunner.SplitRuns;
        float[] all = Gather(features, picks, threshold: 1, threads: int.MaxValue);
        if (ParallelRunner.WorkerCount > 0)
            Assert.True(ParallelRunner.SplitRuns > before, "the gather was not split across threads");
        for (int i = 0; i < picks.Length; i++)
        {
            ReadOnlySpan<float> row = features.AsSpan(picks[i] * Columns, Columns);
            Assert.True(row.SequenceEqual(one.AsSpan(i * Columns, Columns)), $"batch row {i} (dataset row {picks[i]}) on one core");
            Assert.True(row.SequenceEqual(all.AsSpan(i * Columns, Columns)), $"batch row {i} (dataset row {picks[i]}) split");
        }
        Assert.All(all[(picks.Length * Columns)..], x => Assert.Equal(-1f, x));
    }

    [Fact]
    public void ASplitGatherAllocatesNothingOnAnyThread()
    {
        float[] features = TestData.Uniform(Rows * Columns, 4);
        int[] picks = Picks();
        var target = new float[picks.Length * Columns];
        SplitAllocations.Measured measured = SimdPolicyScope.With(threshold: 1, threads: int.MaxValue, body: () =>
        {
            var gather = new RowGather();
            gather.Run(features, Columns, picks, target); // the runner's workers start on the first split
            return SplitAllocations.Of(() =>
            {
                for (int i = 0; i < 20; i++)
                    gather.Run(features, Columns, picks, target);
            });
        });
        Assert.Equal(0, measured.Caller);
        Assert.Equal(0, measured.ChunkBytes);
        if (ParallelRunner.WorkerCount > 0)
            Assert.True(measured.Chunks > 20, $"only {measured.Chunks} chunks were measured: the gather did not split");
    }

    /// <summary>The chunks copy through pointers: a row outside the source or a target too short is refused first.</summary>
    [Fact]
    public void ARowOutsideTheSourceOrAShortTargetIsRefusedBeforeAnythingIsCopied()
    {
        float[] features = TestData.Uniform(Rows * Columns, 5);
        var target = new float[3 * Columns];
        var gather = new RowGather();
        var row = Assert.Throws<ArgumentOutOfRangeException>(() => gather.Run(features, Columns, [1, Rows, 2], target));
        Assert.Contains($"Row {Rows} (position 1 of the batch)", row.Message);
        Assert.All(target, x => Assert.Equal(0f, x));
        var shortTarget = Assert.Throws<ArgumentException>(() => gather.Run(features, Columns, [1, 2, 3, 4], target));
        Assert.Equal("target", shortTarget.ParamName);
        Assert.All(target, x => Assert.Equal(0f, x));
    }

    [Fact]
    public void TrainStepRefusesARowOutsideTheDatasetAndChangesNothing()
    {
        Dataset data = TestData.Blobs(20, 1);
        var trainer = new Trainer(Sequential.Mlp([4, 8, 3], seed: 1), new SoftmaxCrossEntropy(), new Adam());
        float[] weights = trainer.Model.Parameters[0].Value.ToArray();
        foreach (int bad in new[] { data.Rows, -1 })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.TrainStep(data, [0, 5, bad]));
            Assert.Equal("rows", ex.ParamName);
            Assert.Contains($"Row {bad} (position 2 of the batch)", ex.Message);
            Assert.Contains($"{data.Rows} rows", ex.Message);
        }
        Assert.Equal(0, trainer.Optimizer.StepCount);
        Assert.Equal(weights, trainer.Model.Parameters[0].Value.ToArray());
    }

    [Fact]
    public void TrainStepRefusesDataOfAnotherWidth()
    {
        var wide = new Dataset(TestData.Uniform(10 * 5, 2), 5, new int[10], classCount: 3);
        var trainer = new Trainer(Sequential.Mlp([4, 8, 3], seed: 1), new SoftmaxCrossEntropy(), new Adam());
        var ex = Assert.Throws<ArgumentException>(() => trainer.TrainStep(wide, [0, 1]));
        Assert.Contains("5 feature columns but the model takes 4", ex.Message);
        Assert.Equal(0, trainer.Optimizer.StepCount);
    }
}
