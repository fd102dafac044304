#include "engine/sql/Parser.h"

#include "engine/sql/ParseError.h"
#include "engine/sql/QueryParser.h"

namespace pipit
{

ASTPtr parseQuery(std::string_view text, const ParserOptions & options)
{
    QueryParser parser(text, 0, options);
    ASTPtr ast = parser.parseStatementAndEnd(false);
    if (!ast)
        throw ParseError("Syntax error at line 1, column 1: empty query", 0, 1, 1);
    return ast;
}

ASTPtr parseQueryAt(std::string_view text, size_t & pos, const ParserOptions & options)
{
    if (pos >= text.size())
    {
        pos = text.size();
        return nullptr;
    }
    QueryParser parser(text, pos, options);
    ASTPtr ast = parser.parseStatementAndEnd(true);
    pos = parser.endPosition();
    return ast;
}

ASTPtr parseExpression(std::string_view text, const ParserOptions & options)
{
    QueryParser parser(text, 0, options);
    return parser.parseExpressionToEnd();
}

std::vector<StatementRange> splitStatements(std::string_view text, const ParserOptions & options)
{
    std::vector<StatementRange> ranges;
    size_t pos = 0;
    while (pos < text.size())
    {
        QueryParser parser(text, pos, options);
        ASTPtr ast = parser.parseStatementAndEnd(true);
        if (!ast)
            break;
        ranges.push_back({parser.statementBegin(), parser.statementEnd()});
        pos = parser.endPosition();
    }
    return ranges;
}

} // namespace pipit
