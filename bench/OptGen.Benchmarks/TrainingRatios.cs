using System;
using OptGen.Data;
using OptGen.Training;

namespace OptGen.Benchmarks;

/// <summary>
/// Training on every core against one, from interleaved trials (see <see cref="Interleaved"/>): the 784-256-128-10
/// MLP of <see cref="MlpStepBenchmarks"/> on MNIST-8k, a whole epoch of shuffled batches (128 and 64) and one step on a
/// fixed batch, each on one core and on all. Run with <c>training-ratios</c>.
/// </summary>
internal static class TrainingRatios
{
    private const int StepsPerCall = 20; // a step is about a millisecond: twenty per timed call

    public static void Run()
    {
        int cores = Environment.ProcessorCount;
        Console.WriteLine($"{Interleaved.Percentile:P0} percentile of interleaved trials; {cores} cores");
        Dataset train = MlpStepBenchmarks.TrainingSplit();
        int saved = SimdPolicy.MaxThreads;
        try
        {
            foreach (int batch in new[] { 128, 64 })
            {
                Trainer one = MlpStepBenchmarks.NewTrainer(batch), every = MlpStepBenchmarks.NewTrainer(batch);
                int[] rows = MlpStepBenchmarks.FixedBatch(batch, train);
                double[] at = Interleaved.Time(
                [
                    () => Epoch(one, train, 1),
                    () => Epoch(every, train, cores),
                    () => Step(one, train, rows, 1),
                    () => Step(every, train, rows, cores),
                ], trials: 9, calls: 1);
                Console.WriteLine($"batch {batch}: epoch {at[0] / 1e6:F1} ms on one core, {at[1] / 1e6:F1} ms on {cores} (speed-up {at[0] / at[1]:F2}); "
                    + $"one step {at[2] / StepsPerCall / 1e3:F0} µs, {at[3] / StepsPerCall / 1e3:F0} µs (speed-up {at[2] / at[3]:F2})");
            }
        }
        finally
        {
            SimdPolicy.MaxThreads = saved;
        }
    }

    private static void Epoch(Trainer trainer, Dataset train, int threads)
    {
        SimdPolicy.MaxThreads = threads;
        trainer.FitUntil(train, null, trainer.CompletedEpochs + 1);
    }

    private static void Step(Trainer trainer, Dataset train, int[] rows, int threads)
    {
        SimdPolicy.MaxThreads = threads;
        for (int i = 0; i < StepsPerCall; i++)
            trainer.TrainStep(train, rows);
    }
}
