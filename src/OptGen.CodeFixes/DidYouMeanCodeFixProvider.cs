using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using OptGen.Generator;
using OptGen.Generator.Analysis;

namespace OptGen.CodeFixes;

/// <summary>
/// Fixes an unknown name (OPTG0002) or function (OPTG0006) in a formula by replacing it, inside the string literal,
/// with the name the diagnostic suggests ("did you mean 'Beta1'?"). The analyzer attaches the suggestion only when the
/// diagnostic covers exactly the unknown name in the source, so the fix is a plain replacement of that span.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DidYouMeanCodeFixProvider)), Shared]
public sealed class DidYouMeanCodeFixProvider : CodeFixProvider
{
    /// <summary>One key for every suggestion, so "fix all" applies each diagnostic's own suggestion.</summary>
    public const string EquivalenceKey = "OptGen.DidYouMean";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnknownName.Id, DiagnosticDescriptors.UnknownFunction.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SourceText text = await context.Document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Suggestion, out string? suggestion) || suggestion is null)
                continue;
            TextSpan span = diagnostic.Location.SourceSpan;
            if (span.End > text.Length)
                continue;
            string title = $"Change '{text.ToString(span)}' to '{suggestion}'";
            context.RegisterCodeFix(
                CodeAction.Create(title, cancellationToken => ReplaceAsync(context.Document, span, suggestion, cancellationToken), EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, TextSpan span, string replacement, CancellationToken cancellationToken)
    {
        SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return document.WithText(text.WithChanges(new TextChange(span, replacement)));
    }
}
