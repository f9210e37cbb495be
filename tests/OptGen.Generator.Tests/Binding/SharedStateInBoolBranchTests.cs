using OptGen.Generator.Tests.Emitting;
using OptGen.Generator.Tests.Harness;

namespace OptGen.Generator.Tests.Binding;

/// <summary>
/// A shared state assigned inside a branch on a bool hyperparameter: the bool picks one side for every tensor of the
/// step, so the state stays one value (dsl.md §1). It was refused with OPTG0042 ("inside a branch on the tensor's
/// shape"), as is still an assignment in a branch whose condition reads the shape. Found by
/// <c>ReferenceSemanticsTests</c>.
/// </summary>
public class SharedStateInBoolBranchTests
{
    private const string Flag = """
        /// <summary>Which side.</summary>
        [Hyperparameter(true)] public partial bool Flag { get; set; }
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void IsOneValueForTheStepOnEitherSide(bool flag)
    {
        IOptimizer optimizer = EmittedOptimizer.Create("""[State("d", Shared = true)]""", """
            if Flag
                d = d + global_norm(g)
            else
                d = d - 1
            end
            w -= lr * d * g
            """, Flag);
        optimizer.GetType().GetProperty("Flag")!.SetValue(optimizer, flag);
        Parameter[] parameters = [new Parameter([5]), new Parameter([2, 3])];
        double d = 0;
        for (int step = 1; step <= 2; step++)
        {
            foreach (Parameter p in parameters)
            {
                for (int i = 0; i < p.Length; i++)
                    p.Grad[i] = (i + step) / 4f;
            }
            float[][] before = [.. parameters.Select(p => p.Value.ToArray())];
            d = flag ? d + Math.Sqrt(parameters.Sum(p => p.Grad.ToArray().Sum(e => (double)e * e))) : d - 1;
            optimizer.Step(parameters);
            Assert.Equal(d, optimizer.State.SharedScalars[0], 1e-6);
            for (int j = 0; j < parameters.Length; j++)
            {
                for (int i = 0; i < parameters[j].Length; i++)
                    Assert.Equal(before[j][i] - 0.01 * d * parameters[j].Grad[i], parameters[j].Value[i], 1e-6);
            }
        }
    }

    [Theory]
    [InlineData("Flag && rank >= 2")]
    [InlineData("rows > 1")]
    public void IsStillRefusedInABranchThatReadsTheShape(string condition)
    {
        string source = $$""""
            using OptGen;

            [Optimizer]
            [State("d", Shared = true)]
            [Update("""
                if {{condition}}
                    d = 1
                end
                w -= lr * d * g
                """)]
            public partial class Opt
            {
            {{Flag}}
            }
            """";
        Assert.Contains("inside a branch on the tensor's shape", DiagnosticAssert.Single(source, "OPTG0042").GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
