#pragma once

#include "engine/planner/ITableResolver.h"
#include "engine/sql/AST.h"

namespace pipit
{

/// Evaluates `WITH RECURSIVE name AS (anchor UNION ALL step ...)` (modern ClickHouse semantics): the
/// parts of the UNION ALL that do not read `name` run once; the parts that do read `name` then run
/// repeatedly, `name` holding the rows the previous round produced, until a round produces no row.
/// The result is every round's rows in order. Column names come from the first part; a column's type
/// widens to the least supertype when a round produces a wider one (SELECT 1 AS x ... x + 1).
class RecursiveCTEEvaluator
{
public:
    /// True if `query` (an ASTSelectWithUnionQuery or ASTSelectQuery) reads the table `name`
    /// (unqualified) anywhere, subqueries included.
    static bool readsTable(const ASTPtr & query, const std::string & name);

    /// Throws TOO_DEEP_RECURSION (306) after `max_depth` rounds that still produced rows,
    /// BAD_ARGUMENTS when the parts are not combined by UNION ALL or no part is non-recursive,
    /// NUMBER_OF_COLUMNS_DOESNT_MATCH when a round returns a different number of columns.
    static Block evaluate(const std::string & name, const ASTPtr & query, const ITableResolver & tables,
                          const ISubqueryExecutor & executor, UInt64 max_depth);
};

} // namespace pipit
