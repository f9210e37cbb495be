using System.Collections.Generic;

namespace OptGen.Training;

/// <summary>The outcome of <see cref="Trainer.Fit"/>.</summary>
public sealed record TrainingResult(IReadOnlyList<EpochReport> History, bool StoppedEarly, int BestEpoch)
{
    /// <summary>The last epoch's report, or null if no epoch ran.</summary>
    public EpochReport? Last => History.Count > 0 ? History[^1] : null;
}
