namespace OptGen.Generator.Tests;

/// <summary>Valid optimizer and schedule declarations, shared by the compile and snapshot tests.</summary>
internal static class Samples
{
    /// <summary>
    /// The example of DSL.md §1: the runtime tests' <c>TestAdam</c>, whose steps they check against a float64 reference.
    /// The declarations shared with them have one home, <c>OptGen.Runtime.Tests/TestOptimizers/</c>, embedded here
    /// (this project's .csproj) so that the code they run is the code snapshotted here.
    /// </summary>
    public static readonly string Adam = RuntimeTestOptimizer("TestAdam");

    /// <summary>
    /// Adam with both moments stored as bfloat16 (<c>TestAdamBf16</c>): its kernel converts on load and store, and keeps
    /// its numbers past the first four broadcast in registers only where the machine has 32 (Kernels.SlotOrSplat).
    /// </summary>
    public static readonly string AdamBf16 = RuntimeTestOptimizer("TestAdamBf16");

    /// <summary>PyTorch's SGD with momentum, dampening, weight decay and a bool Nesterov variant (<c>TestSgd</c>).</summary>
    public static readonly string SgdMomentum = RuntimeTestOptimizer("TestSgd");

    /// <summary>LAMB: Adam's direction scaled per tensor by the trust ratio norm(w) / norm(u) (<c>TestLamb</c>).</summary>
    public static readonly string Lamb = RuntimeTestOptimizer("TestLamb");

    /// <summary>
    /// An update with a typo (<c>Bta1</c> for <c>Beta1</c>, line 8 column 9): OPTG0002, and the class gets the shell.
    /// The shell tests and the user-project build append their own code that uses it.
    /// </summary>
    public const string Typo = """"
        using OptGen;

        namespace Demo;

        [Optimizer(LearningRate = 0.5)]
        [State("m")]
        [Update("""
            m = Bta1 * m + (1 - Beta1) * g
            w -= lr * m
            """)]
        public partial class Typo
        {
            [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }
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

    private static string RuntimeTestOptimizer(string name)
    {
        using Stream stream = typeof(Samples).Assembly.GetManifestResourceStream($"TestOptimizers.{name}.cs")
            ?? throw new InvalidOperationException($"TestOptimizers.{name}.cs is not embedded (OptGen.Generator.Tests.csproj)");
        using var reader = new StreamReader(stream);
        // The runtime tests open OptGen by a global using; a sample is a whole file.
        return "using OptGen;\n\n" + reader.ReadToEnd();
    }
}
