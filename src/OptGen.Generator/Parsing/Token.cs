namespace OptGen.Generator.Parsing;

internal enum TokenKind
{
    Number,
    Identifier,
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    LParen,
    RParen,
    Comma,
    Question,
    Colon,
    Assign,
    PlusAssign,
    MinusAssign,
    StarAssign,
    SlashAssign,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    EqualEqual,
    NotEqual,
    AndAnd,
    OrOr,
    Bang,
    Separator, // a newline or ';' between statements
    End,
    Bad,
}

/// <summary>A token with its place in the formula text.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int Length, string Text, double Value = 0);
