#pragma once

#include "engine/sql/ASTNode.h"

#include <string>

namespace pipit
{

/// Formats an AST back to valid one-line SQL such that parseQuery(formatAST(parseQuery(q))) is the same
/// tree as parseQuery(q). Used to store CREATE statements and by EXPLAIN SYNTAX. Keywords are upper-case,
/// identifiers are back-quoted only when needed.
std::string formatAST(const ASTNode & node);

/// The default result column name of an expression, exactly as ClickHouse names result columns:
/// `count()`, `plus(a, 1)`, `toDate(ts)`, `1`, `'abc'`, `quantile(0.9)(x)`, `[1, 2]`, `CAST(x, 'String')`.
/// Ignores the expression's own alias (the alias, when present, is the column name instead).
std::string formatColumnName(const ASTNode & node);

/// Indented tree dump for EXPLAIN AST and tests: one node per line with its kind and key fields.
std::string dumpAST(const ASTNode & node);

/// Quotes an identifier for SQL when needed: `x` stays x, `my col` -> `my col` in back-quotes.
std::string quoteIdentifierIfNeeded(std::string_view name);
/// Single-quoted SQL string literal with backslash escapes: it's -> 'it\'s'.
std::string quoteString(std::string_view value);

} // namespace pipit
