#include "engine/sql/Lexer.h"

#include "engine/base/Exception.h"

#include <gtest/gtest.h>

#include <vector>

using namespace pipit;

namespace
{

std::vector<Token> lexAll(std::string_view text)
{
    Lexer lexer(text);
    std::vector<Token> tokens;
    while (true)
    {
        Token token = lexer.nextToken();
        tokens.push_back(token);
        if (token.type == TokenType::EndOfStream || token.type == TokenType::Error)
            break;
    }
    return tokens;
}

std::vector<TokenType> types(std::string_view text)
{
    std::vector<TokenType> out;
    for (const auto & token : lexAll(text))
        out.push_back(token.type);
    return out;
}

} // namespace

TEST(Lexer, Operators)
{
    using T = TokenType;
    EXPECT_EQ(types("== != <> <= >= <=> || :: -> ? : % = < > + - * / . , ; ( ) [ ] { }"), (std::vector<T> {T::Equals,
                                                                                                           T::NotEquals,
                                                                                                           T::NotEquals,
                                                                                                           T::LessOrEquals,
                                                                                                           T::GreaterOrEquals,
                                                                                                           T::Spaceship,
                                                                                                           T::Concatenation,
                                                                                                           T::DoubleColon,
                                                                                                           T::Arrow,
                                                                                                           T::QuestionMark,
                                                                                                           T::Colon,
                                                                                                           T::Percent,
                                                                                                           T::Equals,
                                                                                                           T::Less,
                                                                                                           T::Greater,
                                                                                                           T::Plus,
                                                                                                           T::Minus,
                                                                                                           T::Asterisk,
                                                                                                           T::Slash,
                                                                                                           T::Dot,
                                                                                                           T::Comma,
                                                                                                           T::Semicolon,
                                                                                                           T::OpeningRoundBracket,
                                                                                                           T::ClosingRoundBracket,
                                                                                                           T::OpeningSquareBracket,
                                                                                                           T::ClosingSquareBracket,
                                                                                                           T::OpeningCurlyBrace,
                                                                                                           T::ClosingCurlyBrace,
                                                                                                           T::EndOfStream}));
}

TEST(Lexer, Numbers)
{
    for (std::string_view number : {"1", "123", "1.5", "1.", ".5", "1e5", "1E-5", "1.5e+10", "0x1F", "0b101", "0x1.8p3"})
    {
        auto tokens = lexAll(number);
        ASSERT_EQ(tokens.size(), 2u) << number;
        EXPECT_EQ(tokens[0].type, TokenType::Number) << number;
        EXPECT_EQ(tokens[0].end - tokens[0].begin, number.size()) << number;
    }
    /// A number glued to letters is an error, not two tokens.
    EXPECT_EQ(types("123abc").front(), TokenType::Error);
}

TEST(Lexer, MemberAccessAfterNames)
{
    using T = TokenType;
    EXPECT_EQ(types("t.1"), (std::vector<T> {T::BareWord, T::Dot, T::Number, T::EndOfStream}));
    EXPECT_EQ(types("t.1.2"), (std::vector<T> {T::BareWord, T::Dot, T::Number, T::Dot, T::Number, T::EndOfStream}));
    EXPECT_EQ(types("(x).1"),
              (std::vector<T> {T::OpeningRoundBracket, T::BareWord, T::ClosingRoundBracket, T::Dot, T::Number, T::EndOfStream}));
    EXPECT_EQ(types("+.5"), (std::vector<T> {T::Plus, T::Number, T::EndOfStream}));
}

TEST(Lexer, StringsAndQuotedIdentifiers)
{
    auto tokens = lexAll(R"('it''s' 'a\'b' `back``tick` "double")");
    ASSERT_EQ(tokens.size(), 5u);
    EXPECT_EQ(tokens[0].type, TokenType::StringLiteral);
    EXPECT_EQ(tokens[1].type, TokenType::StringLiteral);
    EXPECT_EQ(tokens[2].type, TokenType::QuotedIdentifier);
    EXPECT_EQ(tokens[3].type, TokenType::QuotedIdentifier);
    EXPECT_EQ(unquoteToken("'it''s'"), "it's");
    EXPECT_EQ(unquoteToken(R"('a\'b\\c\n\t\x41\0z')"), std::string("a'b\\c\n\tA\0z", 10));
    EXPECT_EQ(unquoteToken("`back``tick`"), "back`tick");
    EXPECT_EQ(unquoteToken("\"double\""), "double");
}

TEST(Lexer, StringEscapesFollowClickHouse)
{
    EXPECT_EQ(unquoteToken(R"('caf\xC3\xA9')"), "caf\xC3\xA9");
    EXPECT_EQ(unquoteToken(R"('\N')"), "");
    EXPECT_EQ(unquoteToken(R"('a\Nb')"), "ab");
    EXPECT_EQ(unquoteToken(R"('100\%')"), "100\\%");
    EXPECT_EQ(unquoteToken(R"('\d+\=\/')"), "\\d+=/");
    EXPECT_EQ(unquoteToken(R"(`a\x41`)"), "aA");
    EXPECT_THROW(unquoteToken(R"('\x4')"), Exception);
}

TEST(Lexer, CommentsAreSkipped)
{
    using T = TokenType;
    EXPECT_EQ(types("SELECT -- comment\n 1 # hash comment\n /* block /* nested */ still */ + 2"),
              (std::vector<T> {T::BareWord, T::Number, T::Plus, T::Number, T::EndOfStream}));
}

TEST(Lexer, LineAndColumn)
{
    auto tokens = lexAll("SELECT\n  a,\n\tb");
    ASSERT_EQ(tokens.size(), 5u);
    EXPECT_EQ(tokens[0].line, 1u);
    EXPECT_EQ(tokens[0].column, 1u);
    EXPECT_EQ(tokens[1].line, 2u);
    EXPECT_EQ(tokens[1].column, 3u);
    EXPECT_EQ(tokens[3].line, 3u);
    EXPECT_EQ(tokens[3].column, 2u);
    EXPECT_EQ(tokens[3].begin, 13u);
}

TEST(Lexer, ErrorsAreTokensNotExceptions)
{
    for (std::string_view bad : {"'unterminated", "`unterminated", "/* unterminated", "a | b", "a ! b", "\x01", "\"\""})
    {
        auto tokens = lexAll(bad);
        EXPECT_EQ(tokens.back().type, TokenType::Error) << bad;
        EXPECT_NE(tokens.back().error, nullptr) << bad;
    }
    Lexer lexer("'x");
    EXPECT_EQ(lexer.nextToken().type, TokenType::Error);
    EXPECT_EQ(lexer.nextToken().type, TokenType::Error);
}

TEST(Lexer, StartsAtOffset)
{
    Lexer lexer("a;\nb", 2);
    Token token = lexer.nextToken();
    EXPECT_EQ(token.type, TokenType::BareWord);
    EXPECT_EQ(token.begin, 3u);
    EXPECT_EQ(token.line, 2u);
    EXPECT_EQ(token.column, 1u);
}
