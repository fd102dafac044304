#include "engine/sql/ParseError.h"
#include "engine/sql/Parser.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

struct ErrorCase
{
    const char * query;
    size_t line;
    size_t column;
    /// Substring the message must contain.
    const char * mentions;
};

} // namespace

TEST(ParserError, NamesLineColumnAndExpectation)
{
    const ErrorCase cases[] = {
        {"SELECT a FORM t", 1, 15, "expected one of: ',', FROM, PREWHERE, WHERE"},
        {"SELECT a FORM t", 1, 15, "got 't'"},
        {"SELECT a, FROM t", 1, 11, "expected expression, got 'FROM'"},
        {"SELECT * FROM t WHERE", 1, 22, "expected expression, got end of query"},
        {"SELECT (1 + 2", 1, 14, "')'"},
        {"SELECT 'abc", 1, 8, "unterminated string literal"},
        {"SELECT 1 +\n", 1, 11, "expected expression"},
        {"SELEC 1", 1, 1, "expected one of: SELECT, WITH, INSERT"},
        {"SELECT * FROM t GROUP x", 1, 17, "GROUP BY"},
        {"CREATE TABLE t (a) ENGINE = Memory", 1, 18, "column type"},
        {"CREATE TABLE t (a UInt8", 1, 24, "')'"},
        {"INSERT INTO t", 1, 14, "VALUES"},
        {"SELECT 1 SELECT 2", 1, 10, "end of query"},
        {"SELECT f(1, 2", 1, 14, "')'"},
        {"SELECT CASE WHEN 1 THEN 2", 1, 26, "END"},
        {"SELECT 123abc", 1, 8, "wrong number"},
        {"SELECT a ! b", 1, 10, "'!'"},
        {"DROP t", 1, 6, "TABLE"},
        {"SELECT x BETWEEN 1", 1, 19, "expected AND"},
        {"SELECT *\nFROM t\nWHERE x = 1\n  AND y IN (1, 2\n", 4, 17, "')'"},
        {"SELECT 1\n  FROM t\n  WHERE (\n", 3, 10, "expression"},
        {"SELECT /* unterminated", 1, 8, "unterminated multi-line comment"},
        {"SELECT [1, 2", 1, 13, "']'"},
        {"SELECT {x:}", 1, 11, "type name"},
        {"SELECT a AS", 1, 12, "alias"},
        {"SELECT * FROM t LIMIT", 1, 22, "expected expression"},
        {"SELECT * FROM t ORDER BY a DESC NULLS", 1, 38, "FIRST"},
        {"ALTER TABLE t FROB", 1, 15, "DELETE"},
        {"SET x", 1, 6, "'='"},
        {"SET x = y", 1, 9, "setting value must be a literal"},
        {"CREATE TABLE t (a UInt8) ENGINE = MergeTree ORDER BY", 1, 53, "expected expression"},
        {"SELECT x FROM t JOIN u", 1, 23, "ON"},
        {"", 1, 1, "empty query"},
        {"  ;  ", 1, 1, "empty query"},
        {"EXPLAIN", 1, 8, "SELECT"},
        {"SELECT 1 UNION SELECT", 1, 22, "expression"},
        {"SELECT INTERVAL 1 FORTNIGHT", 1, 19, "interval unit"},
    };
    for (const auto & c : cases)
    {
        SCOPED_TRACE(c.query);
        try
        {
            parseQuery(c.query);
            ADD_FAILURE() << "no error";
        }
        catch (const ParseError & e)
        {
            EXPECT_EQ(e.code(), ErrorCode::SYNTAX_ERROR);
            EXPECT_EQ(e.line(), c.line) << e.message();
            EXPECT_EQ(e.column(), c.column) << e.message();
            EXPECT_NE(e.message().find(c.mentions), std::string::npos) << e.message();
            std::string prefix = "Syntax error at line " + std::to_string(c.line) + ", column " + std::to_string(c.column) + ": ";
            EXPECT_EQ(e.message().rfind(prefix, 0), 0u) << e.message();
        }
    }
}

TEST(ParserError, OffsetMatchesLineAndColumn)
{
    std::string query = "SELECT a,\n  b\n  FROM t WHERE x IN (1,";
    try
    {
        parseQuery(query);
        FAIL();
    }
    catch (const ParseError & e)
    {
        EXPECT_EQ(e.offset(), query.size());
        EXPECT_EQ(e.line(), 3u);
    }
}

TEST(ParserError, IsAnExceptionWithSyntaxErrorCode)
{
    try
    {
        parseQuery("SELECT FROM");
        FAIL();
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::SYNTAX_ERROR);
    }
    EXPECT_THROW(parseExpression("1 +"), ParseError);
    EXPECT_THROW(parseExpression("a b"), ParseError);
    size_t pos = 0;
    EXPECT_THROW(parseQueryAt("SELECT 1; SELEC 2", pos = 10), ParseError);
}
