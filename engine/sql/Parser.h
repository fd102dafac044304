#pragma once

#include "engine/sql/ASTNode.h"

#include <string_view>
#include <vector>

namespace pipit
{

/// Entry points of the ClickHouse-dialect SQL parser. All of them throw ParseError (an Exception with
/// ErrorCode::SYNTAX_ERROR naming line, column and what was expected) on bad input, and never crash:
/// nesting deeper than `max_depth` is a syntax error too.
///
/// Statement results: SELECT -> ASTSelectWithUnionQuery; CREATE TABLE/VIEW -> ASTCreateTableQuery;
/// CREATE DATABASE -> ASTCreateDatabaseQuery; DROP/TRUNCATE/DETACH -> ASTDropQuery; SHOW TABLES/DATABASES/CREATE ->
/// ASTShowTablesQuery; DESCRIBE -> ASTDescribeQuery; INSERT -> ASTInsertQuery; OPTIMIZE -> ASTOptimizeQuery;
/// ALTER -> ASTAlterQuery; EXPLAIN -> ASTExplainQuery; SET -> ASTSetQuery; USE -> ASTUseQuery; EXISTS -> ASTExistsQuery;
/// RENAME TABLE / EXCHANGE TABLES -> ASTRenameQuery.
struct ParserOptions
{
    size_t max_depth = 256;
};

/// Parses exactly one statement (an optional trailing ';' and trailing whitespace/comments are allowed).
ASTPtr parseQuery(std::string_view text, const ParserOptions & options = {});

/// Parses the statement starting at `pos` and moves `pos` past it and its ';' (if any). Returns nullptr,
/// with pos = text.size(), when only whitespace, comments and ';' remain. For multi-statement scripts:
///     size_t pos = 0; while (auto ast = parseQueryAt(text, pos)) run(ast);
/// INSERT inline data follows ASTInsertQuery's rules for where the data ends.
ASTPtr parseQueryAt(std::string_view text, size_t & pos, const ParserOptions & options = {});

/// Parses a standalone expression (with optional alias), e.g. a column DEFAULT or a TTL, to the end of the text.
ASTPtr parseExpression(std::string_view text, const ParserOptions & options = {});

/// Byte ranges [begin, end) of each statement of a script, without the ';' (empty statements skipped),
/// found by parsing (so ';' inside strings, comments and inline INSERT data is handled).
struct StatementRange
{
    size_t begin = 0;
    size_t end = 0;
};
std::vector<StatementRange> splitStatements(std::string_view text, const ParserOptions & options = {});

} // namespace pipit
