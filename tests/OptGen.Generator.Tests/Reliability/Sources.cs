namespace OptGen.Generator.Tests.Reliability;

/// <summary>Small source texts for the directed generator tests.</summary>
internal static class Sources
{
    /// <summary>An optimizer with one state around <paramref name="update"/> (already a C# expression).</summary>
    public static string Optimizer(string update, string name = "Opt", string ns = "namespace T;", string extra = "", string members = "") => $$"""
        using OptGen;
        {{ns}}

        /// <summary>c</summary>
        [Optimizer, State("m"){{extra}}]
        [Update({{update}})]
        public partial class {{name}}
        {
            {{members}}
        }
        """;

    /// <summary>A formula as a C# string literal.</summary>
    public static string Literal(string formula) => FormulaGen.Regular(formula);

    /// <summary>"m = g" then an update of w whose right-hand side is <paramref name="rhs"/>.</summary>
    public static string Update(string rhs) => Literal("m = g\nw -= lr * m * 0 + " + rhs);

    public static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));
}
