using System;
using System.Text.Json;
using OptGen.Optimizers;

namespace OptGen.Interop;

/// <summary>
/// The one table between the built-in optimizers and <c>torch.optim</c>: the PyTorch class, the PyTorch name of each
/// state (and when PyTorch keeps it at all), and the hyperparameters of its param group under PyTorch's names.
/// The state names come from <c>torch/optim/*.py</c> (the <c>state[...]</c> keys each optimizer creates); docs/interop.md
/// prints the same table. Optimizers not listed keep their own state names.
/// </summary>
internal static class TorchOptimizerTable
{
    /// <summary>One of our states and its PyTorch name; <c>KeptWhen</c> false means PyTorch has no such state in this configuration.</summary>
    internal readonly record struct StateName(string Ours, string Torch, Func<IOptimizer, bool>? KeptWhen);

    /// <summary>One built-in optimizer with a <c>torch.optim</c> counterpart.</summary>
    internal sealed record Row(Type Type, string TorchClass, StateName[] States, Action<Utf8JsonWriter, IOptimizer> WriteHyperparameters);

    private static readonly Row[] Rows =
    [
        Of<Sgd>("SGD", [Kept<Sgd>("b", "momentum_buffer", o => o.Momentum != 0)], (w, o) =>
        {
            Numbers(w, ("momentum", o.Momentum), ("dampening", o.Dampening), ("weight_decay", o.WeightDecay));
            Flags(w, ("nesterov", o.Nesterov), ("maximize", o.Maximize));
        }),
        Of<Adam>("Adam", AdamStates<Adam>(o => o.Amsgrad), (w, o) => AdamGroup(w, o.Beta1, o.Beta2, o.Eps, o.WeightDecay, o.Amsgrad, o.Maximize)),
        Of<AdamW>("AdamW", AdamStates<AdamW>(o => o.Amsgrad), (w, o) => AdamGroup(w, o.Beta1, o.Beta2, o.Eps, o.WeightDecay, o.Amsgrad, o.Maximize)),
        Of<Adamax>("Adamax", [Same("m", "exp_avg"), Same("u", "exp_inf")], (w, o) =>
        {
            Moments(w, o.Beta1, o.Beta2, o.Eps, o.WeightDecay);
            w.WriteBoolean("maximize", o.Maximize);
        }),
        Of<NAdam>("NAdam", [Same("m", "exp_avg"), Same("v", "exp_avg_sq"), Same("muProduct", "mu_product")], (w, o) =>
        {
            Moments(w, o.Beta1, o.Beta2, o.Eps, o.WeightDecay);
            w.WriteNumber("momentum_decay", o.MomentumDecay);
            Flags(w, ("decoupled_weight_decay", o.DecoupledWeightDecay), ("maximize", o.Maximize));
        }),
        Of<RAdam>("RAdam", [Same("m", "exp_avg"), Same("v", "exp_avg_sq")], (w, o) =>
        {
            Moments(w, o.Beta1, o.Beta2, o.Eps, o.WeightDecay);
            Flags(w, ("decoupled_weight_decay", o.DecoupledWeightDecay), ("maximize", o.Maximize));
        }),
        Of<RMSprop>("RMSprop",
            [Same("squareAvg", "square_avg"), Kept<RMSprop>("momentumBuffer", "momentum_buffer", o => o.Momentum > 0), Kept<RMSprop>("gradAvg", "grad_avg", o => o.Centered)],
            (w, o) =>
            {
                Numbers(w, ("alpha", o.Alpha), ("eps", o.Eps), ("weight_decay", o.WeightDecay), ("momentum", o.Momentum));
                Flags(w, ("centered", o.Centered), ("maximize", o.Maximize));
            }),
        Of<Adagrad>("Adagrad", [Same("stateSum", "sum")], (w, o) =>
        {
            Numbers(w, ("lr_decay", o.LrDecay), ("weight_decay", o.WeightDecay), ("initial_accumulator_value", o.InitialAccumulatorValue), ("eps", o.Eps));
            w.WriteBoolean("maximize", o.Maximize);
        }),
        Of<Adadelta>("Adadelta", [Same("squareAvg", "square_avg"), Same("accDelta", "acc_delta")], (w, o) =>
        {
            Numbers(w, ("rho", o.Rho), ("eps", o.Eps), ("weight_decay", o.WeightDecay));
            w.WriteBoolean("maximize", o.Maximize);
        }),
        Of<Rprop>("Rprop", [Same("prev", "prev"), Same("stepSize", "step_size")], (w, o) =>
        {
            Pair(w, "etas", o.EtaMinus, o.EtaPlus);
            Pair(w, "step_sizes", o.StepSizeMin, o.StepSizeMax);
            w.WriteBoolean("maximize", o.Maximize);
        }),
        Of<Asgd>("ASGD", [Same("ax", "ax"), Same("eta", "eta"), Same("mu", "mu")], (w, o) =>
        {
            Numbers(w, ("lambd", o.Lambd), ("alpha", o.Alpha), ("t0", o.T0), ("weight_decay", o.WeightDecay));
            w.WriteBoolean("maximize", o.Maximize);
        }),
        // A matrix keeps row_var [.., r, 1] and col_var [.., 1, c]; a rank-1 tensor keeps variance (GetBufferShape).
        Of<Adafactor>("Adafactor", [Same("r", "row_var"), Same("c", "col_var"), Same("v", "variance")], (w, o) =>
        {
            w.WriteNumber("beta2_decay", o.Beta2Decay);
            Pair(w, "eps", o.Eps1, o.Eps2);
            Numbers(w, ("d", o.D), ("weight_decay", o.WeightDecay));
            w.WriteBoolean("maximize", o.Maximize);
        }),
        // adjust_lr_fn: our Original is PyTorch's default None (the same rule as "original").
        Of<Muon>("Muon", [Same("b", "momentum_buffer")], (w, o) =>
        {
            Numbers(w, ("weight_decay", o.WeightDecay), ("momentum", o.Momentum));
            w.WriteBoolean("nesterov", o.Nesterov);
            w.WriteStartArray("ns_coefficients");
            w.WriteNumberValue(o.NsCoefficientA);
            w.WriteNumberValue(o.NsCoefficientB);
            w.WriteNumberValue(o.NsCoefficientC);
            w.WriteEndArray();
            w.WriteNumber("eps", o.Eps);
            w.WriteNumber("ns_steps", o.NsSteps);
            if (o.AdjustLrFn == Muon.MatchRmsAdamW)
                w.WriteString("adjust_lr_fn", "match_rms_adamw");
            else
                w.WriteNull("adjust_lr_fn");
        }),
    ];

    /// <summary>The row of <paramref name="optimizer"/>'s exact type, or null when it has no PyTorch counterpart.</summary>
    public static Row? Find(IOptimizer optimizer)
    {
        Type type = optimizer.GetType();
        foreach (Row row in Rows)
        {
            if (row.Type == type)
                return row;
        }
        return null;
    }

    /// <summary>The PyTorch name of our state <paramref name="ours"/> (its storage suffix removed) and the rule for keeping it.</summary>
    public static StateName Map(Row? row, string ours)
    {
        string plain = ours.EndsWith(OptimizerState.BFloat16Suffix, StringComparison.Ordinal) ? ours[..^OptimizerState.BFloat16Suffix.Length] : ours;
        if (row is not null)
        {
            foreach (StateName s in row.States)
            {
                if (s.Ours == plain)
                    return s;
            }
        }
        return new StateName(plain, plain, null);
    }

    private static Row Of<T>(string torchClass, StateName[] states, Action<Utf8JsonWriter, T> hyperparameters) where T : IOptimizer =>
        new(typeof(T), torchClass, states, (w, o) => hyperparameters(w, (T)o));

    private static StateName Same(string ours, string torch) => new(ours, torch, null);

    private static StateName Kept<T>(string ours, string torch, Func<T, bool> when) where T : IOptimizer => new(ours, torch, o => when((T)o));

    private static StateName[] AdamStates<T>(Func<T, bool> amsgrad) where T : IOptimizer =>
        [Same("m", "exp_avg"), Same("v", "exp_avg_sq"), Kept("vmax", "max_exp_avg_sq", amsgrad)];

    private static void AdamGroup(Utf8JsonWriter w, float beta1, float beta2, float eps, float weightDecay, bool amsgrad, bool maximize)
    {
        Moments(w, beta1, beta2, eps, weightDecay);
        Flags(w, ("amsgrad", amsgrad), ("maximize", maximize));
    }

    /// <summary><c>betas</c>, <c>eps</c> and <c>weight_decay</c>, which the Adam family share.</summary>
    private static void Moments(Utf8JsonWriter w, float beta1, float beta2, float eps, float weightDecay)
    {
        Pair(w, "betas", beta1, beta2);
        Numbers(w, ("eps", eps), ("weight_decay", weightDecay));
    }

    // Float hyperparameters as PyTorch's floats, in order (float, not double: the JSON shows 0.99, not 0.9900000095367432).
    private static void Numbers(Utf8JsonWriter w, params ReadOnlySpan<(string Name, float Value)> numbers)
    {
        foreach ((string name, float value) in numbers)
            w.WriteNumber(name, value);
    }

    private static void Flags(Utf8JsonWriter w, params ReadOnlySpan<(string Name, bool Value)> flags)
    {
        foreach ((string name, bool value) in flags)
            w.WriteBoolean(name, value);
    }

    private static void Pair(Utf8JsonWriter w, string name, float first, float second)
    {
        w.WriteStartArray(name);
        w.WriteNumberValue(first);
        w.WriteNumberValue(second);
        w.WriteEndArray();
    }
}
