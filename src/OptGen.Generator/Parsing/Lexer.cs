using System.Globalization;

namespace OptGen.Generator.Parsing;

/// <summary>Turns formula text into tokens, keeping each token's offset for diagnostics.</summary>
internal static class Lexer
{
    public static List<Token> Tokenize(string text, CancellationToken cancellationToken)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < text.Length)
        {
            if ((i & 1023) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            char c = text[i];
            if (c == '\n' || c == ';')
            {
                tokens.Add(new Token(TokenKind.Separator, i, 1, c.ToString()));
                i++;
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            int start = i;
            if (IsDigit(c) || (c == '.' && i + 1 < text.Length && IsDigit(text[i + 1])))
            {
                i = ScanNumber(text, i);
                string literal = text.Substring(start, i - start);
                // The scanner only accepts well-formed numbers, so a failed parse means overflow: .NET Framework (which
                // runs generators in Visual Studio) fails on it with value 0 where .NET Core returns infinity.
                if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                    value = double.PositiveInfinity;
                tokens.Add(new Token(TokenKind.Number, start, i - start, literal, value));
                continue;
            }
            if (IsIdentifierStart(c))
            {
                while (i < text.Length && IsIdentifierPart(text[i]))
                    i++;
                tokens.Add(new Token(TokenKind.Identifier, start, i - start, text.Substring(start, i - start)));
                continue;
            }
            char next = i + 1 < text.Length ? text[i + 1] : '\0';
            (TokenKind kind, int length) = (c, next) switch
            {
                ('+', '=') => (TokenKind.PlusAssign, 2),
                ('-', '=') => (TokenKind.MinusAssign, 2),
                ('*', '=') => (TokenKind.StarAssign, 2),
                ('/', '=') => (TokenKind.SlashAssign, 2),
                ('<', '=') => (TokenKind.LessEqual, 2),
                ('>', '=') => (TokenKind.GreaterEqual, 2),
                ('=', '=') => (TokenKind.EqualEqual, 2),
                ('!', '=') => (TokenKind.NotEqual, 2),
                ('&', '&') => (TokenKind.AndAnd, 2),
                ('|', '|') => (TokenKind.OrOr, 2),
                ('+', _) => (TokenKind.Plus, 1),
                ('-', _) => (TokenKind.Minus, 1),
                ('*', _) => (TokenKind.Star, 1),
                ('/', _) => (TokenKind.Slash, 1),
                ('^', _) => (TokenKind.Caret, 1),
                ('(', _) => (TokenKind.LParen, 1),
                (')', _) => (TokenKind.RParen, 1),
                (',', _) => (TokenKind.Comma, 1),
                ('?', _) => (TokenKind.Question, 1),
                (':', _) => (TokenKind.Colon, 1),
                ('=', _) => (TokenKind.Assign, 1),
                ('<', _) => (TokenKind.Less, 1),
                ('>', _) => (TokenKind.Greater, 1),
                ('!', _) => (TokenKind.Bang, 1),
                _ => (TokenKind.Bad, char.IsSurrogatePair(c, next) ? 2 : 1),
            };
            tokens.Add(new Token(kind, start, length, text.Substring(start, length)));
            i += length;
        }
        tokens.Add(new Token(TokenKind.End, text.Length, 0, ""));
        return tokens;
    }

    /// <summary>
    /// Drops line breaks that cannot end a statement, so a long formula may span lines: after an operator or
    /// comma, or before a line that starts with a binary operator. (Not merely inside parentheses: an unclosed
    /// parenthesis would then swallow every following statement into one error.)
    /// </summary>
    public static List<Token> JoinContinuedLines(List<Token> tokens)
    {
        var result = new List<Token>(tokens.Count);
        for (int i = 0; i < tokens.Count; i++)
        {
            Token t = tokens[i];
            if (t.Kind == TokenKind.Separator && t.Text == "\n")
            {
                TokenKind previous = result.Count > 0 ? result[result.Count - 1].Kind : TokenKind.Separator;
                int j = i + 1;
                while (j < tokens.Count && tokens[j].Kind == TokenKind.Separator && tokens[j].Text == "\n")
                    j++;
                TokenKind next = j < tokens.Count ? tokens[j].Kind : TokenKind.End;
                if (ContinuesAfter(previous) || StartsContinuation(next))
                    continue;
            }
            result.Add(t);
        }
        return result;
    }

    private static bool ContinuesAfter(TokenKind kind) => kind is TokenKind.Plus or TokenKind.Minus or TokenKind.Star or TokenKind.Slash
        or TokenKind.Caret or TokenKind.Comma or TokenKind.Question or TokenKind.Colon or TokenKind.Assign or TokenKind.PlusAssign
        or TokenKind.MinusAssign or TokenKind.StarAssign or TokenKind.SlashAssign or TokenKind.Less or TokenKind.LessEqual
        or TokenKind.Greater or TokenKind.GreaterEqual or TokenKind.EqualEqual or TokenKind.NotEqual or TokenKind.AndAnd
        or TokenKind.OrOr or TokenKind.Bang;

    private static bool StartsContinuation(TokenKind kind) => kind is TokenKind.Plus or TokenKind.Minus or TokenKind.Star
        or TokenKind.Slash or TokenKind.Caret or TokenKind.Question or TokenKind.Colon or TokenKind.Less or TokenKind.LessEqual
        or TokenKind.Greater or TokenKind.GreaterEqual or TokenKind.EqualEqual or TokenKind.NotEqual or TokenKind.AndAnd
        or TokenKind.OrOr;

    private static int ScanNumber(string text, int i)
    {
        while (i < text.Length && IsDigit(text[i]))
            i++;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && IsDigit(text[i]))
                i++;
        }
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            int j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-'))
                j++;
            if (j < text.Length && IsDigit(text[j]))
            {
                i = j;
                while (i < text.Length && IsDigit(text[i]))
                    i++;
            }
        }
        return i;
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static bool IsIdentifierStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsDigit(c);
}
