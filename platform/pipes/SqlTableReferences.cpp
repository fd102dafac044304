#include "platform/pipes/SqlTableReferences.h"

#include "engine/sql/Lexer.h"

#include <algorithm>

namespace pipit
{

namespace
{

bool keywordIs(std::string_view sql, const Token & token, std::string_view keyword)
{
    if (token.type != TokenType::BareWord || token.end - token.begin != keyword.size())
        return false;
    for (size_t i = 0; i < keyword.size(); ++i)
    {
        char c = sql[token.begin + i];
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        if (c != keyword[i])
            return false;
    }
    return true;
}

std::vector<Token> tokenize(std::string_view sql)
{
    std::vector<Token> tokens;
    Lexer lexer(sql);
    while (true)
    {
        Token token = lexer.nextToken();
        if (token.isEnd() || token.type == TokenType::Error)
            break;
        tokens.push_back(token);
    }
    return tokens;
}

/// Keywords that end a FROM list (a comma after them is not a table separator).
bool endsFromList(std::string_view sql, const Token & token)
{
    static const std::string_view keywords[] = {"WHERE", "PREWHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "SELECT",  "ON",
                                                "USING", "SETTINGS", "UNION", "WITH",  "ARRAY",  "FORMAT", "QUALIFY", "WINDOW"};
    return std::any_of(std::begin(keywords), std::end(keywords), [&](std::string_view k) { return keywordIs(sql, token, k); });
}

} // namespace

std::vector<std::string> findTableReferences(std::string_view sql)
{
    std::vector<Token> tokens = tokenize(sql);
    std::vector<std::string> names;
    struct Level
    {
        bool in_from = false;       /// inside a FROM list at this parenthesis level
        bool function_call = false; /// the parentheses are a function's arguments (`extract(DAY FROM ts)`)
    };
    std::vector<Level> levels(1);
    for (size_t i = 0; i < tokens.size(); ++i)
    {
        const Token & token = tokens[i];
        if (token.type == TokenType::OpeningRoundBracket)
        {
            Level level;
            if (i > 0 && tokens[i - 1].type == TokenType::BareWord)
            {
                const Token & callee = tokens[i - 1];
                bool keyword = keywordIs(sql, callee, "FROM") || keywordIs(sql, callee, "JOIN") || keywordIs(sql, callee, "IN") ||
                    keywordIs(sql, callee, "AS") || keywordIs(sql, callee, "EXISTS") || keywordIs(sql, callee, "ALL") ||
                    keywordIs(sql, callee, "SELECT") || keywordIs(sql, callee, "AND") || keywordIs(sql, callee, "OR") ||
                    keywordIs(sql, callee, "NOT") || keywordIs(sql, callee, "WHERE");
                level.function_call = !keyword;
            }
            levels.push_back(level);
            continue;
        }
        if (token.type == TokenType::ClosingRoundBracket)
        {
            if (levels.size() > 1)
                levels.pop_back();
            continue;
        }
        if (levels.back().function_call)
            continue;
        if (keywordIs(sql, token, "FROM"))
        {
            levels.back().in_from = true;
            continue;
        }
        if (token.type == TokenType::BareWord && endsFromList(sql, token))
        {
            levels.back().in_from = false;
            continue;
        }
        if (token.type != TokenType::BareWord && token.type != TokenType::QuotedIdentifier)
            continue;
        if (i == 0)
            continue;
        const Token & previous = tokens[i - 1];
        bool after_keyword = keywordIs(sql, previous, "FROM") || keywordIs(sql, previous, "JOIN") || keywordIs(sql, previous, "IN");
        bool after_comma = previous.type == TokenType::Comma && levels.back().in_from;
        if (!after_keyword && !after_comma)
            continue;
        if (i + 1 < tokens.size() && (tokens[i + 1].type == TokenType::OpeningRoundBracket || tokens[i + 1].type == TokenType::Dot))
            continue; // table function or db.table
        if (i >= 2 && previous.type != TokenType::Comma && tokens[i - 2].type == TokenType::Dot)
            continue;
        if (token.type == TokenType::BareWord && (keywordIs(sql, token, "SELECT") || keywordIs(sql, token, "WITH")))
            continue;
        std::string name = token.type == TokenType::QuotedIdentifier ? unquoteToken(sql.substr(token.begin, token.end - token.begin))
                                                                     : std::string(sql.substr(token.begin, token.end - token.begin));
        if (std::find(names.begin(), names.end(), name) == names.end())
            names.push_back(std::move(name));
    }
    return names;
}

std::vector<std::string> findCteNames(std::string_view sql)
{
    std::vector<Token> tokens = tokenize(sql);
    std::vector<std::string> names;
    for (size_t i = 0; i + 2 < tokens.size(); ++i)
    {
        const Token & token = tokens[i];
        if ((token.type != TokenType::BareWord && token.type != TokenType::QuotedIdentifier) || !keywordIs(sql, tokens[i + 1], "AS") ||
            tokens[i + 2].type != TokenType::OpeningRoundBracket)
            continue;
        std::string name = token.type == TokenType::QuotedIdentifier ? unquoteToken(sql.substr(token.begin, token.end - token.begin))
                                                                     : std::string(sql.substr(token.begin, token.end - token.begin));
        if (std::find(names.begin(), names.end(), name) == names.end())
            names.push_back(std::move(name));
    }
    return names;
}

bool startsWithKeywordWith(std::string_view sql, size_t * after_with)
{
    Lexer lexer(sql);
    Token token = lexer.nextToken();
    if (!keywordIs(sql, token, "WITH"))
        return false;
    if (after_with)
        *after_with = token.end;
    return true;
}

bool hasTopLevelSetOperation(std::string_view sql)
{
    int depth = 0;
    for (const Token & token : tokenize(sql))
    {
        if (token.type == TokenType::OpeningRoundBracket)
            ++depth;
        else if (token.type == TokenType::ClosingRoundBracket)
            --depth;
        else if (depth == 0 && (keywordIs(sql, token, "UNION") || keywordIs(sql, token, "INTERSECT") || keywordIs(sql, token, "EXCEPT")))
            return true;
    }
    return false;
}

} // namespace pipit
