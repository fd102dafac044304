#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pipit
{

enum class TokenType
{
    BareWord,         /// identifier or keyword: [A-Za-z_][A-Za-z0-9_]* (bytes >= 0x80 allowed)
    QuotedIdentifier, /// `name` or "name"
    Number,           /// 1, 1.5, 1e5, .5, 0x1F, 0b101, 1.
    StringLiteral,    /// 'text'
    OpeningRoundBracket,
    ClosingRoundBracket,
    OpeningSquareBracket,
    ClosingSquareBracket,
    OpeningCurlyBrace,
    ClosingCurlyBrace,
    Comma,
    Semicolon,
    Dot,
    Asterisk,
    Plus,
    Minus,
    Slash,
    Percent,
    Arrow, /// ->
    QuestionMark,
    Colon,
    DoubleColon, /// ::
    Equals,      /// = or ==
    NotEquals,   /// != or <>
    Less,
    Greater,
    LessOrEquals,
    GreaterOrEquals,
    Spaceship,     /// <=>
    Concatenation, /// ||
    At,            /// @
    Caret,         /// ^
    EndOfStream,
    Error, /// malformed input; `error` of the token says why
};

/// Human-readable name of a token type for "expected ..." messages: "'('", "number", "end of query".
const char * tokenTypeDescription(TokenType type);

struct Token
{
    TokenType type = TokenType::EndOfStream;
    /// Byte range in the text: [begin, end).
    size_t begin = 0;
    size_t end = 0;
    /// 1-based line and byte column of `begin`.
    size_t line = 1;
    size_t column = 1;
    /// Why an Error token is malformed ("unterminated string literal").
    const char * error = nullptr;

    bool isEnd() const { return type == TokenType::EndOfStream; }
};

/// Splits ClickHouse SQL into tokens on demand, skipping whitespace and comments (-- ..., # ..., /* ... */ nested).
/// Never throws: malformed input yields a Token of type Error and the lexer stops there (every further call
/// returns the same Error token).
class Lexer
{
public:
    explicit Lexer(std::string_view text, size_t begin = 0);

    Token nextToken();

    /// Position just after the last returned token.
    size_t position() const { return pos_; }

private:
    Token makeToken(TokenType type, size_t begin, size_t end);
    Token makeError(size_t begin, const char * error);
    /// Skips whitespace and comments; returns false (with `error_`) on an unterminated block comment.
    bool skipWhitespaceAndComments();
    void advanceTo(size_t new_pos);

    std::string_view text_;
    size_t pos_;
    size_t line_ = 1;
    size_t line_start_ = 0;
    /// Whether the previous token may be followed by `.N` member access (then '.' followed by a digit is a Dot).
    bool prev_allows_member_ = false;
    /// The previous token was a Dot: a number right after it is an integer only (t.1.2 is t, ., 1, ., 2).
    bool prev_is_dot_ = false;
    bool failed_ = false;
    Token error_token_;
};

/// Unquotes a StringLiteral / QuotedIdentifier token text (including its quotes): processes '' (or `` / "")
/// doubling and backslash escapes by ClickHouse's rules (decodeEscapeSequence in engine/io/ReadHelpers.h:
/// \xHH is a byte, \N is nothing, an unknown escape keeps its backslash). Throws SYNTAX_ERROR for an
/// incomplete \x escape.
std::string unquoteToken(std::string_view quoted);

/// True for bytes that may continue a bare word.
inline bool isWordChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

} // namespace pipit
