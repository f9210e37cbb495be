using System;
using OptGen.Training;

namespace OptGen.Samples;

/// <summary>An epoch progress callback run at once on the training thread (<see cref="Progress{T}"/> would post it elsewhere).</summary>
public sealed class Inline(Action<EpochReport> report) : IProgress<EpochReport>
{
    /// <inheritdoc />
    public void Report(EpochReport value) => report(value);
}
