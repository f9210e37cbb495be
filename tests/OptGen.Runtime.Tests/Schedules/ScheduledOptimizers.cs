namespace OptGen.Runtime.Tests.Schedules;

/// <summary>Heavy-ball momentum with weight decay, its hyperparameters doubles (the built-ins' are floats), plus an int and a bool.</summary>
[Optimizer(LearningRate = 0.05), State("b"), Update("""
    b = Beta * b + g + Decay * w
    w -= lr * (Flip ? -b : b) / Scale
    """)]
public partial class DoubleMomentum
{
    /// <summary>Momentum.</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial double Beta { get; set; }

    /// <summary>Coupled weight decay.</summary>
    [Hyperparameter(0.01, Min = 0)] public partial double Decay { get; set; }

    /// <summary>An integer divisor of the step (not schedulable).</summary>
    [Hyperparameter(1, Min = 1)] public partial int Scale { get; set; }

    /// <summary>A switch (not schedulable).</summary>
    [Hyperparameter(false)] public partial bool Flip { get; set; }
}

/// <summary>Momentum over gradients accumulated in pairs: a micro-step sees the hyperparameters of its step.</summary>
[Optimizer(LearningRate = 0.05), State("b"), AccumulateGradients(2), Update("""
    b = Beta * b + g
    w -= lr * b
    """)]
public partial class AccumulatedMomentum
{
    /// <summary>Momentum.</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial double Beta { get; set; }
}
