namespace OptGen.Training.Tests.Training;

/// <summary>Calls back on the reporting thread (unlike <see cref="Progress{T}"/>), so the callback sees the trainer mid-run.</summary>
internal sealed class InlineProgress(Action<EpochReport> report) : IProgress<EpochReport>
{
    public void Report(EpochReport value) => report(value);
}
