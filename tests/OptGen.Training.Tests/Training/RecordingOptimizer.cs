namespace OptGen.Training.Tests.Training;

/// <summary>
/// Plain gradient descent that records, at every step, the weights and gradients it was handed: what the trainer
/// lets an optimizer see.
/// </summary>
internal sealed class RecordingOptimizer : IOptimizer
{
    public List<float[][]> Weights { get; } = [];

    public List<float[][]> Gradients { get; } = [];

    public float LearningRate { get; set; } = 0.1f;

    public ILearningRateSchedule? Schedule { get; set; }

    public long StepCount { get; private set; }

    public OptimizerState State => throw new NotSupportedException("The recording optimizer keeps no state.");

    public void Step(params ReadOnlySpan<Parameter> parameters)
    {
        var weights = new float[parameters.Length][];
        var gradients = new float[parameters.Length][];
        for (int k = 0; k < parameters.Length; k++)
        {
            weights[k] = parameters[k].Value.ToArray();
            gradients[k] = parameters[k].Grad.ToArray();
            Span<float> w = parameters[k].Value;
            for (int i = 0; i < w.Length; i++)
                w[i] -= LearningRate * gradients[k][i];
        }
        Weights.Add(weights);
        Gradients.Add(gradients);
        StepCount++;
    }

    public void Reset() => throw new NotSupportedException();
}
