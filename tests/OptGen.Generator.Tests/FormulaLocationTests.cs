using Microsoft.CodeAnalysis;
using OptGen.Generator.Tests.Harness;
using static OptGen.Generator.Tests.Harness.DiagnosticAssert;

namespace OptGen.Generator.Tests;

/// <summary>Where squiggles land for the ways a formula can be written in C#.</summary>
public class FormulaLocationTests
{
    private const string UnknownFoo = "The name 'foo' is not defined";

    // The one OPTG0002 of `source`, for 'foo', squiggles `squiggled` starting at `line` and `column`.
    private static void UnknownFooAt(string source, string squiggled, int line, int column) =>
        Is(Single(source, "OPTG0002"), source, UnknownFoo, squiggled, line, column);

    [Fact]
    public void RawLiteralInAFileWithCRLFLineEndings()
    {
        string source = "using OptGen;\r\n\r\n[Optimizer]\r\n[Update(\"\"\"\r\n    w -= lr * g\r\n    w -= foo\r\n    \"\"\")]\r\npublic partial class Opt { }\r\n";
        UnknownFooAt(source, "foo", 6, 10);
    }

    [Fact]
    public void VerbatimLiteralInAFileWithCRLFLineEndings()
    {
        string source = "using OptGen;\r\n\r\n[Optimizer]\r\n[Update(@\"w -= lr * g\r\nw -= foo\")]\r\npublic partial class Opt { }\r\n";
        UnknownFooAt(source, "foo", 5, 6);
    }

    [Fact]
    public void RawLiteralWithTabsAndBlankLines()
    {
        string source = "using OptGen;\n\n[Optimizer]\n[Update(\"\"\"\n\t\tw -= lr * g\n\n\t\tw -= g * foo\n\t\t\"\"\")]\npublic partial class Opt { }\n";
        UnknownFooAt(source, "foo", 7, 12);
    }

    [Fact]
    public void RawLiteralWithMoreQuotes()
    {
        const string source = """""
            using OptGen;

            [Optimizer]
            [Update(""""w -= lr * foo"""")]
            public partial class Opt { }
            """"";
        UnknownFooAt(source, "foo", 4, 23);
    }

    [Fact]
    public void SecondStringOfAnUpdate()
    {
        const string source = """
            using OptGen;

            [Optimizer]
            [Update("w -= lr * g",
                    "w -= foo")]
            public partial class Opt { }
            """;
        UnknownFooAt(source, "foo", 5, 15);
    }

    [Fact]
    public void NamedConstructorArgument()
    {
        const string source = """
            using OptGen;

            [Schedule(formula: "lr0 * foo")]
            public partial class Sched { }
            """;
        UnknownFooAt(source, "foo", 3, 27);
    }

    [Fact]
    public void ConstantFallsBackToTheArgument()
    {
        const string source = """
            using OptGen;

            [Optimizer]
            [Update(Formulas.Update)]
            public partial class Opt { }

            internal static class Formulas
            {
                public const string Update = "w -= lr * foo";
            }
            """;
        UnknownFooAt(source, "Formulas.Update", 4, 9);
    }

    [Fact]
    public void ArrayArgumentFallsBackToTheArray()
    {
        const string source = """
            using OptGen;

            [Optimizer]
            [Update(new[] { "w -= lr * g", "w -= foo" })]
            public partial class Opt { }
            """;
        Diagnostic d = Single(source, "OPTG0002");
        Assert.Equal(UnknownFoo, d.GetMessage());
        Assert.NotEqual(Location.None, d.Location);
        Assert.Contains("w -= foo", source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));
    }
}
