#pragma once

#include "engine/planner/JoinPlanner.h"

namespace pipit
{

/// Plans window functions `f(args) OVER (PARTITION BY ... ORDER BY ... [ROWS|RANGE frame])` and
/// `OVER w` (WINDOW clause), and QUALIFY, as a table rewrite: an inner query computes the rows the
/// windows run over, each window function is evaluated over them (sort by partition and order keys,
/// frames as ClickHouse: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW by default, the whole
/// partition without ORDER BY), and the query is rewritten to read the rows plus one column per
/// window function (output names are kept); QUALIFY becomes the outer query's filter.
///
/// Without aggregation the inner query returns the rows after WHERE. With GROUP BY or aggregate
/// functions (ClickHouse order: WHERE, GROUP BY, HAVING, windows, QUALIFY, ORDER BY, LIMIT) the
/// inner query keeps WHERE/GROUP BY/HAVING and computes every maximal subexpression without a
/// window function (so window arguments, PARTITION BY and ORDER BY may hold aggregates and aliases
/// of aggregates); the outer query only combines those columns with the window results.
///
/// Functions: row_number, rank, dense_rank, lagInFrame, leadInFrame, lag, lead, first_value,
/// last_value, count, sum, avg, min, max.
class WindowPlanner
{
public:
    static bool hasWindowFunctions(const ASTSelectQuery & query);

    /// Throws NOT_IMPLEMENTED (RANGE offsets, GROUPS, other functions), UNKNOWN_IDENTIFIER for unknown
    /// WINDOW names, ILLEGAL_AGGREGATION for a window function in WHERE/PREWHERE/GROUP BY/HAVING/LIMIT BY,
    /// inside an aggregate function, another window function or a window definition.
    /// `ORDER BY keys LIMIT n [OFFSET m] WITH TIES` as `QUALIFY rank() OVER (ORDER BY keys) <= m + n
    /// [AND row_number() OVER (ORDER BY keys) > m]` without the LIMIT: the rows up to the n-th after
    /// the offset plus the rows equal to it on every key. BAD_ARGUMENTS without ORDER BY (or with ORDER BY ALL).
    static std::shared_ptr<ASTSelectQuery> rewriteLimitWithTies(const ASTSelectQuery & query);

    static JoinPlanner::Result plan(const ASTSelectQuery & query, const ITableResolver & tables, const ISubqueryExecutor * subqueries);
};

} // namespace pipit
