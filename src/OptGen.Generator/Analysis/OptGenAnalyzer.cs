using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using OptGen.Generator.Extraction;
using OptGen.Generator.Model;

namespace OptGen.Generator.Analysis;

/// <summary>
/// Reports every OPTG diagnostic. It runs the generator's front end (extraction, parse, bind: <see cref="FormulaAnalysis"/>)
/// over each [Optimizer] and [Schedule] class and reports what it finds at locations in the syntax tree, which the
/// compiler and the IDE tie to the source: <c>#pragma warning disable OPTGnnnn</c>, .editorconfig severities and
/// squiggles apply. The generator reports nothing itself, so each diagnostic is reported once.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OptGenAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = DiagnosticDescriptors.All.ToImmutableArray();

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        // A class in a file marked as generated is still the user's declaration, and the generator compiles it all the same.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            // A hyperparameter declared on an interface belongs to every class of the family that implements it: a
            // problem with its declaration is found with each class, and reported once, on the interface member.
            var reported = new ConcurrentDictionary<(string Id, string? Path, TextSpan Span, string Message), byte>();
            start.RegisterSymbolAction(c => AnalyzeType(c, reported), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, ConcurrentDictionary<(string, string?, TextSpan, string), byte> reported)
    {
        var symbol = (INamedTypeSymbol)context.Symbol;
        CancellationToken cancellationToken = context.CancellationToken;
        if (ClassExtractor.FindTarget(symbol, cancellationToken) is not { } target)
            return;
        ClassSpec? spec = ClassExtractor.Extract(symbol, target.Declaration, target.IsSchedule, cancellationToken);
        if (spec is null)
            return;
        FormulaAnalysis analysis = FormulaAnalysis.Analyze(spec, cancellationToken);
        foreach (DiagnosticInfo d in analysis.Diagnostics)
        {
            Diagnostic diagnostic = ToDiagnostic(d, symbol, context.Compilation, target.Declaration, cancellationToken);
            if (reported.TryAdd((diagnostic.Id, diagnostic.Location.SourceTree?.FilePath, diagnostic.Location.SourceSpan, diagnostic.GetMessage(CultureInfo.InvariantCulture)), 0))
                context.ReportDiagnostic(diagnostic);
        }
    }

    private static Diagnostic ToDiagnostic(DiagnosticInfo info, INamedTypeSymbol symbol, Compilation compilation, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        Location location = Locate(info.Location, symbol, compilation) ?? declaration.Identifier.GetLocation();
        ImmutableDictionary<string, string?>? properties = null;
        if (info.Suggestion is not null && location.SourceTree is { } tree && info.Arguments.Count > 0
            && tree.GetText(cancellationToken).ToString(location.SourceSpan) == info.Arguments[0])
        {
            properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Suggestion, info.Suggestion);
        }
        return Diagnostic.Create(info.Descriptor, location, properties, info.Arguments.Select(a => (object?)a).ToArray());
    }

    // The models hold a file path and a span (they must not hold syntax trees); a location OptGen reports is in a
    // declaration of the class, so the tree is the one of those with that path, or else (a hyperparameter an interface
    // declares) in another file of the compilation.
    private static Location? Locate(SourceSpanInfo? info, INamedTypeSymbol symbol, Compilation compilation)
    {
        if (info is null)
            return null;
        IEnumerable<SyntaxTree> trees = symbol.DeclaringSyntaxReferences.Select(r => r.SyntaxTree).Concat(compilation.SyntaxTrees);
        foreach (SyntaxTree tree in trees)
        {
            if (tree.FilePath == info.FilePath && info.Span.End <= tree.Length)
                return Location.Create(tree, info.Span);
        }
        return null;
    }
}
