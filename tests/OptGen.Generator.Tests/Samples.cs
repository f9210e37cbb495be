namespace OptGen.Generator.Tests;

/// <summary>Valid optimizer and schedule declarations, shared by the compile and snapshot tests.</summary>
internal static class Samples
{
    /// <summary>The example of DSL.md §1.</summary>
    public const string Adam = """"
        using OptGen;

        namespace Demo;

        [Optimizer]
        [State("m"), State("v")]
        [Update("""
            m = Beta1 * m + (1 - Beta1) * g
            v = Beta2 * v + (1 - Beta2) * g * g
            w -= lr * (m / (1 - Beta1^t)) / (sqrt(v / (1 - Beta2^t)) + Eps)
            """)]
        public partial class MyAdam
        {
            [Hyperparameter(0.9, Min = 0, Max = 1)]  public partial float Beta1 { get; set; }
            [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }
            [Hyperparameter(1e-8, Min = 0)]           public partial float Eps { get; set; }
        }
        """";

    /// <summary>PyTorch's SGD with momentum, dampening and a bool Nesterov variant.</summary>
    public const string SgdMomentum = """"
        using OptGen;

        namespace Demo;

        [Optimizer(LearningRate = 0.01)]
        [State("buf")]
        [Update("""
            buf = t == 1 ? g : Momentum * buf + (1 - Dampening) * g
            d = Nesterov ? g + Momentum * buf : buf
            w -= lr * d
            """)]
        public partial class SgdMomentum
        {
            [Hyperparameter(0.9, Min = 0)]        public partial float Momentum { get; set; }
            [Hyperparameter(0, Min = 0, Max = 1)] public partial float Dampening { get; set; }
            [Hyperparameter(false)]               public partial bool Nesterov { get; set; }
        }
        """";

    /// <summary>LAMB: Adam's direction scaled per tensor by the trust ratio norm(w) / norm(u).</summary>
    public const string Lamb = """"
        using OptGen;

        namespace Demo;

        [Optimizer]
        [State("m"), State("v")]
        [Update("""
            m = Beta1 * m + (1 - Beta1) * g
            v = Beta2 * v + (1 - Beta2) * g * g
            u = (m / (1 - Beta1^t)) / (sqrt(v / (1 - Beta2^t)) + Eps) + WeightDecay * w
            wn = norm(w); un = norm(u)
            ratio = wn > 0 && un > 0 ? wn / un : 1
            w -= lr * ratio * u
            """)]
        public partial class MyLamb
        {
            [Hyperparameter(0.9, Min = 0, Max = 1)]   public partial float Beta1 { get; set; }
            [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }
            [Hyperparameter(1e-6, Min = 0)]           public partial float Eps { get; set; }
            [Hyperparameter(0, Min = 0)]              public partial float WeightDecay { get; set; }
        }
        """";

    /// <summary>SGD on gradients clipped by their norm over every tensor of the step.</summary>
    public const string ClippedSgd = """"
        using OptGen;

        namespace Demo;

        [Optimizer]
        [Update("""
            total = global_norm(g)
            g *= min(1, MaxNorm / (total + 1e-6))
            w -= lr * g
            """)]
        public partial class ClippedSgd
        {
            [Hyperparameter(1.0, Min = 0)] public partial float MaxNorm { get; set; }
        }
        """";

    /// <summary>Linear warm-up, then cosine decay with a random jitter.</summary>
    public const string WarmupCosine = """"
        using OptGen;

        namespace Demo;

        [Schedule("""
            t < Warmup
                ? lr0 * (t + 1) / Warmup
                : lr0 * (1 + Jitter * (2 * uniform() - 1)) * 0.5 * (1 + cos(pi * (t - Warmup) / max(1, T - Warmup)))
            """)]
        public partial class WarmupCosine
        {
            [Hyperparameter(100, Min = 0)]          public partial int Warmup { get; set; }
            [Hyperparameter(0.1, Min = 0, Max = 1)] public partial double Jitter { get; set; }
        }
        """";

    /// <summary>
    /// The language's growth in one update: Polyak's step size from the loss (with the best loss so far, a state shared
    /// by all tensors), Gaussian noise per element, an anchor initialised from w, a pull toward it every Period-th step
    /// (mod) and a float32-rounded rate (f32).
    /// </summary>
    public const string NoisyPolyak = """"
        using OptGen;

        namespace Demo;

        [Optimizer(LearningRate = 1)]
        [State("x0", InitFromWeights = true), State("best", Shared = true, Init = 1e30)]
        [Update("""
            best = min(best, loss)
            step = f32(lr * (loss - min(MinLoss, best)) / (global_sum(g * g) + 1e-12))
            pull = mod(t, Period) == 0 ? Pull : 0
            w -= step * (g + Sigma * normal()) + pull * (w - x0)
            """)]
        public partial class NoisyPolyak
        {
            [Hyperparameter(0.0)]          public partial double MinLoss { get; set; }
            [Hyperparameter(0.01, Min = 0)] public partial float Sigma { get; set; }
            [Hyperparameter(0.1, Min = 0)]  public partial float Pull { get; set; }
            [Hyperparameter(10, Min = 1)]   public partial int Period { get; set; }
        }
        """";
}
