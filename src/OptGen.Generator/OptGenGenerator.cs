using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OptGen.Generator.Extraction;
using OptGen.Generator.Model;

namespace OptGen.Generator;

/// <summary>
/// The pipeline, and only the pipeline: find [Optimizer] and [Schedule] classes, read each into an equatable
/// spec, compile the spec into source, and add it. The diagnostics are reported by <see cref="Analysis.OptGenAnalyzer"/>,
/// from the same front end, with locations in the syntax tree (so #pragma and .editorconfig severities apply); the
/// generator reports only its own failure on a class (OPTG0090, <see cref="FormulaCompiler.Contain"/>).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class OptGenGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the incremental steps, for tests that check caching.</summary>
    public static class Steps
    {
        public const string OptimizerSpecs = nameof(OptimizerSpecs);
        public const string ScheduleSpecs = nameof(ScheduleSpecs);
        public const string Results = nameof(Results);
        public const string Sources = nameof(Sources);
        public const string Failures = nameof(Failures);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ClassSpec> optimizers = context.SyntaxProvider
            .ForAttributeWithMetadataName(ClassExtractor.OptimizerAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => ClassExtractor.Extract((INamedTypeSymbol)ctx.TargetSymbol, (TypeDeclarationSyntax)ctx.TargetNode, isSchedule: false, ct)!)
            .WithTrackingName(Steps.OptimizerSpecs);

        IncrementalValuesProvider<ClassSpec> schedules = context.SyntaxProvider
            .ForAttributeWithMetadataName(ClassExtractor.ScheduleAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => ClassExtractor.Extract((INamedTypeSymbol)ctx.TargetSymbol, (TypeDeclarationSyntax)ctx.TargetNode, isSchedule: true, ct))
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(Steps.ScheduleSpecs);

        Register(context, optimizers.Select(static (spec, ct) => FormulaCompiler.Compile(spec, ct)).WithTrackingName(Steps.Results));
        Register(context, schedules.Select(static (spec, ct) => FormulaCompiler.Compile(spec, ct)).WithTrackingName(Steps.Results));
    }

    private static void Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<GenerationResult> results)
    {
        IncrementalValuesProvider<(string HintName, string Source)> sources = results
            .Where(static r => r.Source is not null)
            .Select(static (r, _) => (r.HintName, r.Source!))
            .WithTrackingName(Steps.Sources);

        context.RegisterSourceOutput(sources, static (spc, s) => spc.AddSource(s.HintName, s.Source));

        IncrementalValuesProvider<DiagnosticInfo> failures = results
            .Where(static r => r.Failure is not null)
            .Select(static (r, _) => r.Failure!)
            .WithTrackingName(Steps.Failures);
        context.RegisterSourceOutput(failures, static (spc, f) => spc.ReportDiagnostic(f.ToFileDiagnostic()));
    }
}
