using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OptGen.Generator.Compiling;
using OptGen.Generator.Extraction;
using OptGen.Generator.Model;

namespace OptGen.Generator;

/// <summary>
/// The pipeline, and only the pipeline: find [Optimizer] and [Schedule] classes, read each into an equatable
/// spec, compile the spec into source plus diagnostics, and report the two through separate outputs.
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
        public const string Diagnostics = nameof(Diagnostics);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ClassSpec> optimizers = context.SyntaxProvider
            .ForAttributeWithMetadataName(ClassExtractor.OptimizerAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => ClassExtractor.Extract(ctx, isSchedule: false, ct)!)
            .WithTrackingName(Steps.OptimizerSpecs);

        IncrementalValuesProvider<ClassSpec> schedules = context.SyntaxProvider
            .ForAttributeWithMetadataName(ClassExtractor.ScheduleAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => ClassExtractor.Extract(ctx, isSchedule: true, ct))
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

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = results
            .Select(static (r, _) => r.Diagnostics)
            .Where(static d => d.Count > 0)
            .WithTrackingName(Steps.Diagnostics);

        context.RegisterSourceOutput(sources, static (spc, s) => spc.AddSource(s.HintName, s.Source));
        context.RegisterSourceOutput(diagnostics, static (spc, ds) =>
        {
            foreach (DiagnosticInfo d in ds)
                spc.ReportDiagnostic(d.ToDiagnostic());
        });
    }
}
