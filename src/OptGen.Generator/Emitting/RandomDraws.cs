using OptGen.Generator.Binding;
using OptGen.Generator.Planning;

namespace OptGen.Generator.Emitting;

/// <summary>
/// <c>uniform()</c> and <c>normal()</c> in an update: one draw per element, a pure function of (the optimizer's
/// <c>Seed</c>, the step, the tensor's index, the element's index, the call site). A kernel that draws holds the key of
/// (seed, step, tensor), set per tensor; each lane hashes its element index and site with it. So the draws do not
/// depend on the vector width, the alignment peel or the chunks run on other cores, and a resumed run (the same seed,
/// the step count restored) draws what the uninterrupted one would have.
/// </summary>
internal static class RandomDraws
{
    /// <summary>The kernel field holding the key of (seed, step, tensor).</summary>
    public const string KeyField = "RandomKey";

    /// <summary>The key, in <c>Run</c>'s tensor loop (<c>t_</c> is the step number, <c>k</c> the tensor's index).</summary>
    public const string KeyExpression = GeneratedAliases.Runtime + "::DslRandom.Key(this.Seed, (long)t_, k)";

    public static bool In(PassPlan pass) => pass.Ops.Any(o => BRandom.Within(o.Expr)) || pass.Reductions.Any(r => r.Args.Any(BRandom.Within));

    public static bool In(IEnumerable<Plan[]> plans) => plans.SelectMany(p => p).SelectMany(p => p.Passes).Any(In);
}
