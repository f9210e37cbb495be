using Microsoft.CodeAnalysis;

namespace OptGen.Generator;

/// <summary>
/// Every OPTG diagnostic (reported by <see cref="Analysis.OptGenAnalyzer"/>, from the front end it shares with the
/// generator). Ids are stable: see AnalyzerReleases.*.md and docs/diagnostics.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "OptGen";

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    private static string HelpLink(string id) => $"https://github.com/optgen/optgen/blob/main/docs/diagnostics/{id}.md";

    public static readonly DiagnosticDescriptor SyntaxError = Error("OPTG0001", "Formula syntax error", "Syntax error in formula: {0}");
    public static readonly DiagnosticDescriptor UnknownName = Error("OPTG0002", "Unknown name", "The name '{0}' is not defined{1}");
    public static readonly DiagnosticDescriptor ReadOnlyTarget = Error("OPTG0003", "Cannot assign", "Cannot assign to '{0}': {1}");
    public static readonly DiagnosticDescriptor DuplicateDeclaration = Error("OPTG0004", "Declared twice", "'{0}' is declared more than once");
    public static readonly DiagnosticDescriptor WrongArity = Error("OPTG0005", "Wrong number of arguments", "'{0}' takes {1}, but {2} given");
    public static readonly DiagnosticDescriptor UnknownFunction = Error("OPTG0006", "Unknown function", "'{0}' is not a function of the formula language{1}");
    public static readonly DiagnosticDescriptor PerElementInSchedule = Error("OPTG0007", "Per-element value in a schedule", "'{0}' cannot be used in a schedule: a schedule has only per-step values");
    public static readonly DiagnosticDescriptor NotPartial = Error("OPTG0008", "Class must be partial", "'{0}' must be declared 'partial' so that OptGen can implement it");
    public static readonly DiagnosticDescriptor BadClassShape = Error("OPTG0009", "Unsupported class", "'{0}' must be a top-level, non-generic class: {1}");
    public static readonly DiagnosticDescriptor NeverWritesWeights = Warning("OPTG0010", "Optimizer never updates w", "Optimizer '{0}' never assigns 'w', so a step does not change the parameters");
    public static readonly DiagnosticDescriptor StateNeverRead = Warning("OPTG0011", "State is never read", "State '{0}' is never read by the update");
    public static readonly DiagnosticDescriptor BadHyperparameter = Error("OPTG0012", "Invalid hyperparameter", "Hyperparameter '{0}' {1}");
    public static readonly DiagnosticDescriptor TypeMismatch = Error("OPTG0013", "Type mismatch", "{0}");
    public static readonly DiagnosticDescriptor PerElementToScalar = Error("OPTG0014", "Per-element value in a scalar", "'{0}' holds one value per tensor, but this assigns it a per-element value");
    public static readonly DiagnosticDescriptor MissingFormula = Error("OPTG0015", "Missing or misplaced formula", "{0}");
    public static readonly DiagnosticDescriptor ScalarReduction = Error("OPTG0016", "Reduction of a per-step value", "'{0}' reduces over the elements of a tensor, but its argument does not vary by element");
    public static readonly DiagnosticDescriptor NameConflict = Error("OPTG0017", "Name conflict", "'{0}' {1}");
    public static readonly DiagnosticDescriptor TooDeep = Error("OPTG0018", "Formula too deeply nested", "The formula is nested more than {0} levels deep");
    public static readonly DiagnosticDescriptor TooManyVariants = Error("OPTG0019", "Too many bool hyperparameters", "'{0}' has {1} bool hyperparameters; at most {2} are supported (each doubles the specialised loops)");
    public static readonly DiagnosticDescriptor NumberOutOfRange = Error("OPTG0020", "Number out of range", "The number '{0}' is not a finite double");
    public static readonly DiagnosticDescriptor ConflictingInterfaceHyperparameter = Error("OPTG0021", "Hyperparameter declared differently by two interfaces",
        "Hyperparameter '{0}' is declared differently by {1} and {2}; declare it in '{3}' to choose one");

    // Tensors with shape (the matrix view, factored state, branches, matrix built-ins).
    public static readonly DiagnosticDescriptor AxisMismatch = Error("OPTG0030", "Value varies along the wrong axes", "'{0}' holds {1}, but this assigns it a value that varies {2}");
    public static readonly DiagnosticDescriptor ReducesNothing = Error("OPTG0031", "Axis reduction of a value that does not vary along it", "'{0}' reduces {1}, but its argument does not vary {2}");
    public static readonly DiagnosticDescriptor BadBranchCondition = Error("OPTG0032", "Branch condition not fixed by the tensor's shape", "A branch is chosen once per tensor: its condition may use only rank, rows, cols, matrices, n, bool hyperparameters and constants{0}");
    public static readonly DiagnosticDescriptor OneSidedBranchValue = Error("OPTG0033", "Value assigned in one branch only", "'{0}' is assigned in only one branch of the 'if' above, so it has no value here");
    public static readonly DiagnosticDescriptor MatrixFunctionArgument = Error("OPTG0034", "Invalid argument of a matrix built-in", "{0}");
    public static readonly DiagnosticDescriptor FactoredStateInRankOneBranch = Error("OPTG0035", "Factored state in a rank-1 branch", "'{0}' holds one value per {1}, but this branch runs only for rank-1 tensors (one row)");
    public static readonly DiagnosticDescriptor GlobalReductionAfterShapeBranch = Error("OPTG0037", "Global reduction in a shape branch", "'{0}' has a global reduction (global_sum, global_norm, global_maxabs) that not every shape branch reaches in the same order; every tensor must take part in it: reduce over all tensors outside the branches");
    public static readonly DiagnosticDescriptor TooManyShapeConditions = Error("OPTG0036", "Too many shape conditions", "'{0}' branches on {1} distinct shape conditions; at most {2} are supported (each doubles the specialised kernels)");

    // The language's growth: state from w, the loss, random draws in updates, float32 rounding.
    public static readonly DiagnosticDescriptor BadStateInit = Error("OPTG0040", "Invalid state initialisation", "State '{0}' cannot start as a copy of w: {1}");
    public static readonly DiagnosticDescriptor SharedFromPerTensor = Error("OPTG0042", "Shared state assigned a per-tensor value", "'{0}' is one value shared by all tensors of a step, but this assigns it {1}: use per-step values (hyperparameters, t, lr, loss, global reductions, shared states)");
    public static readonly DiagnosticDescriptor F32OfElement = Warning("OPTG0041", "f32 of a per-element value", "'f32' rounds a per-step value to float32, but its argument varies by element and is float32 already: the call does nothing");

    // The generator's own failure: the only diagnostic the generator reports (the analyzer cannot see it).
    public static readonly DiagnosticDescriptor GeneratorFailure = Error("OPTG0090", "Class could not be generated",
        "OptGen failed while generating '{0}' ({1}: {2}); the class has its members, but Step throws. Other classes are not affected. Please report this declaration.");

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = typeof(DiagnosticDescriptors)
        .GetFields()
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToDictionary(d => d.Id);

    public static IEnumerable<DiagnosticDescriptor> All => s_byId.Values;

    public static DiagnosticDescriptor ById(string id) => s_byId[id];
}
