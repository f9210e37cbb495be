using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace OptGen.Optimizers;

/// <summary>
/// The catalogue of the built-in optimizers, for tools that pick one by name (the CLI's <c>--optimizer</c>, a
/// sweep, a config file). A name is the class name in lowercase: <c>sgd</c>, <c>adamw</c>, <c>rmsprop</c>,
/// <c>ademamix</c>, <c>schedulefreeadamw</c>. The factories are plain <c>new</c> expressions, so the catalogue
/// needs no reflection and survives trimming and Native AOT.
/// </summary>
/// <remarks>
/// Adding a built-in is one line here (tests check that every public optimizer class of this namespace is listed
/// once, by the naming rule, and that docs/library.md names it).
/// </remarks>
public static class BuiltInOptimizers
{
    /// <summary>Every built-in optimizer, in the order of docs/library.md: PyTorch's, then papers / Optax, then the newer ones.</summary>
    public static IReadOnlyList<BuiltInOptimizer> All { get; } = new ReadOnlyCollection<BuiltInOptimizer>(
    [
        new("sgd", "torch.optim.SGD", "Stochastic gradient descent; momentum, dampening, Nesterov, L2 weight decay", () => new Sgd()),
        new("adam", "torch.optim.Adam", "Adam: bias-corrected first and second moments; L2 weight decay, AMSGrad", () => new Adam()),
        new("adamw", "torch.optim.AdamW", "Adam with decoupled weight decay", () => new AdamW()),
        new("adamax", "torch.optim.Adamax", "Adam with the infinity norm in place of the second moment", () => new Adamax()),
        new("nadam", "torch.optim.NAdam", "Adam with Nesterov momentum and a momentum schedule", () => new NAdam()),
        new("radam", "torch.optim.RAdam", "Rectified Adam: momentum SGD until the variance estimate is tractable", () => new RAdam()),
        new("rmsprop", "torch.optim.RMSprop", "Divides by a running RMS of the gradient; momentum, centred variant", () => new RMSprop()),
        new("adagrad", "torch.optim.Adagrad", "Per-element rates from the sum of all squared gradients", () => new Adagrad()),
        new("adadelta", "torch.optim.Adadelta", "Ratio of running RMS of updates and of gradients; rate 1", () => new Adadelta()),
        new("asgd", "torch.optim.ASGD", "Averaged SGD: decaying step plus a running average of the weights", () => new Asgd()),
        new("adafactor", "torch.optim.Adafactor", "Second moment factored into row and column means; relative step, RMS clipping", () => new Adafactor()),
        new("muon", "torch.optim.Muon", "Momentum orthogonalised by Newton–Schulz, for matrices (rank 2) only", () => new Muon()),
        new("rprop", "torch.optim.Rprop", "Per-element step sizes that grow or shrink with the gradient's sign", () => new Rprop()),
        new("lion", "optax.lion", "Sign of an interpolation of momentum and gradient; decoupled decay", () => new Lion()),
        new("lamb", "optax.lamb", "Adam direction scaled per tensor by the trust ratio |w| / |u|", () => new Lamb()),
        new("lars", "optax.lars", "Momentum SGD scaled per tensor by the trust ratio |w| / |g|", () => new Lars()),
        new("adabelief", "optax.adabelief", "Adam whose second moment tracks the gradient's spread around its mean", () => new AdaBelief()),
        new("yogi", "optax.yogi", "Adam with an additive, sign-controlled second moment", () => new Yogi()),
        new("signsgd", "optax.sign_sgd / optax.signum", "Steps by the gradient's sign; with momentum, Signum", () => new SignSgd()),
        new("adopt", "optax.contrib.adopt", "Normalises by the previous steps' second moment, then averages", () => new Adopt()),
        new("ademamix", "optax.contrib.ademamix", "Adam plus a slow second momentum mixed into the numerator", () => new AdEMAMix()),
        new("adan", "optax.adan", "Nesterov momentum estimated from gradient differences", () => new Adan()),
        new("laprop", "timm laprop", "Momentum of the RMS-normalised gradient; cautious variant", () => new LaProp()),
        new("madgrad", "timm madgrad", "Dual averaging with a cube-root adaptive scale and momentum", () => new Madgrad()),
        new("cautiousadamw", "timm cadamw", "AdamW that steps only where momentum and gradient agree in sign", () => new CautiousAdamW()),
        new("adamp", "timm adamp", "Adam whose step loses its radial part for scale-invariant weights", () => new AdamP()),
        new("adamaxw", "optax.adamaxw", "Adamax with decoupled weight decay", () => new AdamaxW()),
        new("optimisticgradientdescent", "optax.optimistic_gradient_descent", "Steps along the gradient extrapolated against the previous one (min-max games)", () => new OptimisticGradientDescent()),
        new("ftrl", "keras.optimizers.Ftrl", "Follow-the-regularized-leader: per-element rates, L1 makes weights exactly zero", () => new Ftrl()),
        new("kerasadafactor", "keras.optimizers.Adafactor", "Adafactor with the paper's defaults: ε1 joins g², relative step, RMS clipping", () => new KerasAdafactor()),
        new("nadamw", "timm nadamw", "AdamW stepping along the Nesterov look-ahead of its momentum (AlgoPerf)", () => new NAdamW()),
        new("sgdw", "timm sgdw", "SGD with momentum and decoupled weight decay", () => new SgdW()),
        new("rmsproptf", "timm rmsproptf", "RMSprop as TensorFlow: ε under the root, the rate inside the momentum", () => new RMSpropTF()),
        new("sgdp", "timm sgdp", "SGD with momentum whose step loses its radial part for scale-invariant weights", () => new SgdP()),
        new("mars", "timm mars", "AdamW or Lion on a variance-reduced gradient (gradient differences)", () => new Mars()),
        new("novograd", "optax.novograd", "Second moment per tensor from the gradient norm; normalised momentum", () => new NovoGrad()),
        new("sm3", "optax.sm3", "Adagrad with one accumulator per index of each dimension (a cover)", () => new Sm3()),
        new("fromage", "optax.fromage", "Steps of relative size lr per tensor, norm-preserving shrink", () => new Fromage()),
        new("prodigy", "optax.contrib.prodigy", "Learning-rate-free Adam: estimates the distance to the solution", () => new Prodigy()),
        new("dog", "optax.contrib.dog", "Parameter-free SGD: distance from the start over gradient norms", () => new Dog()),
        new("dowg", "optax.contrib.dowg", "Parameter-free SGD: distance over weighted gradient norms", () => new Dowg()),
        new("cocob", "optax.contrib.cocob", "Parameter-free coin betting (COCOB-Backprop)", () => new Cocob()),
        new("schedulefreeadamw", "optax.contrib.schedule_free_adamw", "AdamW with iterate averaging in place of a schedule", () => new ScheduleFreeAdamW()),
        new("schedulefreesgd", "optax.contrib.schedule_free_sgd", "SGD with iterate averaging in place of a schedule", () => new ScheduleFreeSgd()),
        new("acprop", "optax.contrib.acprop", "AdaBelief's centred second moment, used one step late (asynchronous)", () => new AcProp()),
        new("dadaptadamw", "optax.contrib.dadapt_adamw", "Learning-rate-free AdamW by D-Adaptation: estimates the distance to the solution", () => new DAdaptAdamW()),
        new("momo", "optax.contrib.momo", "Momentum SGD with a Polyak step size from a model of the loss (reads the loss)", () => new Momo()),
        new("momoadam", "optax.contrib.momo_adam", "Adam with MoMo's Polyak step size (reads the loss)", () => new MomoAdam()),
        new("nvnovograd", "timm novograd", "NovoGrad as NVIDIA's: per-tensor second moment; gradient averaging, AMSGrad", () => new NvNovoGrad()),
        new("optimisticadam", "optax.optimistic_adam_v2", "Adam's step extrapolated against the previous one (min-max games)", () => new OptimisticAdam()),
        new("polyaksgd", "optax.polyak_sgd", "SGD with Polyak's step size (loss - f*) / |g|², capped (reads the loss)", () => new PolyakSgd()),
        new("noisysgd", "optax.noisy_sgd", "SGD with annealed Gaussian noise added to the gradient (seeded)", () => new NoisySgd()),
    ]);

    /// <summary>The names of <see cref="All"/>, in its order.</summary>
    public static IEnumerable<string> Names => All.Select(o => o.Name);

    /// <summary>Finds a built-in by name, ignoring case (<c>AdamW</c> finds <c>adamw</c>).</summary>
    public static bool TryGet(string name, [NotNullWhen(true)] out BuiltInOptimizer? optimizer)
    {
        ArgumentNullException.ThrowIfNull(name);
        optimizer = All.FirstOrDefault(o => string.Equals(o.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
        return optimizer is not null;
    }

    /// <summary>The built-in of that name, ignoring case.</summary>
    /// <exception cref="ArgumentException">No built-in has that name; the message lists the names.</exception>
    public static BuiltInOptimizer Get(string name) => TryGet(name, out BuiltInOptimizer? optimizer)
        ? optimizer
        : throw new ArgumentException($"No built-in optimizer is named '{name}'. The names are: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>A new instance of the named built-in with its defaults (<see cref="Get"/>, then <see cref="BuiltInOptimizer.Create"/>).</summary>
    /// <exception cref="ArgumentException">No built-in has that name.</exception>
    public static IOptimizer Create(string name) => Get(name).Create();
}
