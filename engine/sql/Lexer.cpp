#include "engine/sql/Lexer.h"

#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"

#include <algorithm>

namespace pipit
{

const char * tokenTypeDescription(TokenType type)
{
    switch (type)
    {
    case TokenType::BareWord:
        return "identifier";
    case TokenType::QuotedIdentifier:
        return "quoted identifier";
    case TokenType::Number:
        return "number";
    case TokenType::StringLiteral:
        return "string literal";
    case TokenType::OpeningRoundBracket:
        return "'('";
    case TokenType::ClosingRoundBracket:
        return "')'";
    case TokenType::OpeningSquareBracket:
        return "'['";
    case TokenType::ClosingSquareBracket:
        return "']'";
    case TokenType::OpeningCurlyBrace:
        return "'{'";
    case TokenType::ClosingCurlyBrace:
        return "'}'";
    case TokenType::Comma:
        return "','";
    case TokenType::Semicolon:
        return "';'";
    case TokenType::Dot:
        return "'.'";
    case TokenType::Asterisk:
        return "'*'";
    case TokenType::Plus:
        return "'+'";
    case TokenType::Minus:
        return "'-'";
    case TokenType::Slash:
        return "'/'";
    case TokenType::Percent:
        return "'%'";
    case TokenType::Arrow:
        return "'->'";
    case TokenType::QuestionMark:
        return "'?'";
    case TokenType::Colon:
        return "':'";
    case TokenType::DoubleColon:
        return "'::'";
    case TokenType::Equals:
        return "'='";
    case TokenType::NotEquals:
        return "'!='";
    case TokenType::Less:
        return "'<'";
    case TokenType::Greater:
        return "'>'";
    case TokenType::LessOrEquals:
        return "'<='";
    case TokenType::GreaterOrEquals:
        return "'>='";
    case TokenType::Spaceship:
        return "'<=>'";
    case TokenType::Concatenation:
        return "'||'";
    case TokenType::At:
        return "'@'";
    case TokenType::Caret:
        return "'^'";
    case TokenType::EndOfStream:
        return "end of query";
    case TokenType::Error:
        return "error";
    }
    return "token";
}

Lexer::Lexer(std::string_view text, size_t begin)
    : text_(text)
    , pos_(begin)
{
    /// Line/column of `begin` (std::count and rfind are vectorised: cheap even for long scripts).
    std::string_view prefix = text.substr(0, std::min(begin, text.size()));
    line_ += static_cast<size_t>(std::count(prefix.begin(), prefix.end(), '\n'));
    size_t last_newline = prefix.rfind('\n');
    line_start_ = last_newline == std::string_view::npos ? 0 : last_newline + 1;
}

void Lexer::advanceTo(size_t new_pos)
{
    for (size_t i = pos_; i < new_pos; ++i)
    {
        if (text_[i] == '\n')
        {
            ++line_;
            line_start_ = i + 1;
        }
    }
    pos_ = new_pos;
}

Token Lexer::makeToken(TokenType type, size_t begin, size_t end)
{
    Token token;
    token.type = type;
    token.begin = begin;
    token.end = end;
    token.line = line_;
    token.column = begin - line_start_ + 1;
    advanceTo(end);
    prev_allows_member_ = type == TokenType::BareWord || type == TokenType::QuotedIdentifier || type == TokenType::ClosingRoundBracket ||
                          type == TokenType::ClosingSquareBracket || type == TokenType::Number;
    prev_is_dot_ = type == TokenType::Dot;
    return token;
}

Token Lexer::makeError(size_t begin, const char * error)
{
    Token token;
    token.type = TokenType::Error;
    token.begin = begin;
    token.end = begin;
    token.line = line_;
    token.column = begin - line_start_ + 1;
    token.error = error;
    failed_ = true;
    error_token_ = token;
    return token;
}

bool Lexer::skipWhitespaceAndComments()
{
    while (pos_ < text_.size())
    {
        char c = text_[pos_];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        {
            advanceTo(pos_ + 1);
        }
        else if ((c == '-' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '-') || c == '#')
        {
            size_t end = text_.find('\n', pos_);
            advanceTo(end == std::string_view::npos ? text_.size() : end);
        }
        else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '*')
        {
            size_t depth = 0;
            size_t i = pos_;
            while (i < text_.size())
            {
                if (text_[i] == '/' && i + 1 < text_.size() && text_[i + 1] == '*')
                {
                    ++depth;
                    i += 2;
                }
                else if (text_[i] == '*' && i + 1 < text_.size() && text_[i + 1] == '/')
                {
                    --depth;
                    i += 2;
                    if (depth == 0)
                        break;
                }
                else
                    ++i;
            }
            if (depth != 0)
            {
                makeError(pos_, "unterminated multi-line comment");
                return false;
            }
            advanceTo(i);
        }
        else
            break;
    }
    return true;
}

namespace
{

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
bool isHexDigit(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool isWordStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

} // namespace

Token Lexer::nextToken()
{
    if (failed_)
        return error_token_;
    if (!skipWhitespaceAndComments())
        return error_token_;
    const size_t n = text_.size();
    if (pos_ >= n)
    {
        Token token;
        token.type = TokenType::EndOfStream;
        token.begin = token.end = n;
        token.line = line_;
        token.column = n - line_start_ + 1;
        return token;
    }

    const size_t begin = pos_;
    const char c = text_[begin];
    auto peek = [&](size_t k) -> char
    {
        return begin + k < n ? text_[begin + k] : '\0';
    };

    if (isDigit(c) || (c == '.' && isDigit(peek(1)) && !prev_allows_member_))
    {
        size_t i = begin;
        if (c == '0' && (peek(1) == 'x' || peek(1) == 'X') && isHexDigit(peek(2)))
        {
            i += 2;
            while (i < n && isHexDigit(text_[i]))
                ++i;
            /// Hexadecimal float: 0x1.8p3
            if (i < n && text_[i] == '.')
            {
                ++i;
                while (i < n && isHexDigit(text_[i]))
                    ++i;
            }
            if (i < n && (text_[i] == 'p' || text_[i] == 'P'))
            {
                size_t j = i + 1;
                if (j < n && (text_[j] == '+' || text_[j] == '-'))
                    ++j;
                if (j < n && isDigit(text_[j]))
                {
                    i = j;
                    while (i < n && isDigit(text_[i]))
                        ++i;
                }
            }
        }
        else if (c == '0' && (peek(1) == 'b' || peek(1) == 'B') && (peek(2) == '0' || peek(2) == '1'))
        {
            i += 2;
            while (i < n && (text_[i] == '0' || text_[i] == '1'))
                ++i;
        }
        else
        {
            while (i < n && isDigit(text_[i]))
                ++i;
            if (i < n && text_[i] == '.' && !prev_is_dot_)
            {
                ++i;
                while (i < n && isDigit(text_[i]))
                    ++i;
            }
            if (i < n && (text_[i] == 'e' || text_[i] == 'E') && !prev_is_dot_)
            {
                size_t j = i + 1;
                if (j < n && (text_[j] == '+' || text_[j] == '-'))
                    ++j;
                if (j < n && isDigit(text_[j]))
                {
                    i = j;
                    while (i < n && isDigit(text_[i]))
                        ++i;
                }
            }
        }
        if (i < n && isWordChar(text_[i]))
            return makeError(begin, "wrong number");
        return makeToken(TokenType::Number, begin, i);
    }

    if (isWordStart(c))
    {
        size_t i = begin + 1;
        while (i < n && isWordChar(text_[i]))
            ++i;
        return makeToken(TokenType::BareWord, begin, i);
    }

    if (c == '\'' || c == '"' || c == '`')
    {
        size_t i = begin + 1;
        while (true)
        {
            if (i >= n)
                return makeError(begin, c == '\'' ? "unterminated string literal" : "unterminated quoted identifier");
            if (text_[i] == '\\')
            {
                i += 2;
                continue;
            }
            if (text_[i] == c)
            {
                if (i + 1 < n && text_[i + 1] == c)
                {
                    i += 2;
                    continue;
                }
                ++i;
                break;
            }
            ++i;
        }
        if (c != '\'' && i == begin + 2)
            return makeError(begin, "empty quoted identifier");
        return makeToken(c == '\'' ? TokenType::StringLiteral : TokenType::QuotedIdentifier, begin, i);
    }

    switch (c)
    {
    case '(':
        return makeToken(TokenType::OpeningRoundBracket, begin, begin + 1);
    case ')':
        return makeToken(TokenType::ClosingRoundBracket, begin, begin + 1);
    case '[':
        return makeToken(TokenType::OpeningSquareBracket, begin, begin + 1);
    case ']':
        return makeToken(TokenType::ClosingSquareBracket, begin, begin + 1);
    case '{':
        return makeToken(TokenType::OpeningCurlyBrace, begin, begin + 1);
    case '}':
        return makeToken(TokenType::ClosingCurlyBrace, begin, begin + 1);
    case ',':
        return makeToken(TokenType::Comma, begin, begin + 1);
    case ';':
        return makeToken(TokenType::Semicolon, begin, begin + 1);
    case '.':
        return makeToken(TokenType::Dot, begin, begin + 1);
    case '*':
        return makeToken(TokenType::Asterisk, begin, begin + 1);
    case '+':
        return makeToken(TokenType::Plus, begin, begin + 1);
    case '-':
        if (peek(1) == '>')
            return makeToken(TokenType::Arrow, begin, begin + 2);
        return makeToken(TokenType::Minus, begin, begin + 1);
    case '/':
        return makeToken(TokenType::Slash, begin, begin + 1);
    case '%':
        return makeToken(TokenType::Percent, begin, begin + 1);
    case '?':
        return makeToken(TokenType::QuestionMark, begin, begin + 1);
    case ':':
        if (peek(1) == ':')
            return makeToken(TokenType::DoubleColon, begin, begin + 2);
        return makeToken(TokenType::Colon, begin, begin + 1);
    case '=':
        if (peek(1) == '=')
            return makeToken(TokenType::Equals, begin, begin + 2);
        return makeToken(TokenType::Equals, begin, begin + 1);
    case '!':
        if (peek(1) == '=')
            return makeToken(TokenType::NotEquals, begin, begin + 2);
        return makeError(begin, "unexpected '!' (did you mean '!=' or NOT?)");
    case '<':
        if (peek(1) == '=' && peek(2) == '>')
            return makeToken(TokenType::Spaceship, begin, begin + 3);
        if (peek(1) == '=')
            return makeToken(TokenType::LessOrEquals, begin, begin + 2);
        if (peek(1) == '>')
            return makeToken(TokenType::NotEquals, begin, begin + 2);
        return makeToken(TokenType::Less, begin, begin + 1);
    case '>':
        if (peek(1) == '=')
            return makeToken(TokenType::GreaterOrEquals, begin, begin + 2);
        return makeToken(TokenType::Greater, begin, begin + 1);
    case '|':
        if (peek(1) == '|')
            return makeToken(TokenType::Concatenation, begin, begin + 2);
        return makeError(begin, "unexpected '|' (did you mean '||'?)");
    case '@':
        return makeToken(TokenType::At, begin, begin + 1);
    case '^':
        return makeToken(TokenType::Caret, begin, begin + 1);
    default:
        break;
    }
    return makeError(begin, "unexpected character");
}

std::string unquoteToken(std::string_view quoted)
{
    std::string out;
    if (quoted.size() < 2)
        return out;
    const char quote = quoted.front();
    std::string_view body = quoted.substr(1, quoted.size() - 2);
    out.reserve(body.size());
    for (size_t i = 0; i < body.size(); ++i)
    {
        char c = body[i];
        if (c == quote && i + 1 < body.size() && body[i + 1] == quote)
        {
            out += quote;
            ++i;
        }
        else if (c == '\\' && i + 1 < body.size())
        {
            try
            {
                i += decodeEscapeSequence(body.substr(i + 1), out);
            }
            catch (const Exception & e)
            {
                throw Exception(ErrorCode::SYNTAX_ERROR,
                                "Cannot parse string literal " + std::string(quoted.substr(0, 100)) + ": " + e.message());
            }
        }
        else
            out += c;
    }
    return out;
}

} // namespace pipit
