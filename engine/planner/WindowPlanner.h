#pragma once

#include "engine/planner/JoinPlanner.h"

namespace pipit
{

/// Plans window functions `f(args) OVER (PARTITION BY ... ORDER BY ... [ROWS|RANGE frame])` and
/// `OVER w` (WINDOW clause) of a SELECT without aggregation: the rows after WHERE are computed by
/// an inner query, each window function is evaluated over them (sort by partition and order keys,
/// frames as ClickHouse: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW by default, the whole
/// partition without ORDER BY), and the query is rewritten to read the rows plus one column per
/// window function (output names are kept).
///
/// Functions: row_number, rank, dense_rank, lagInFrame, leadInFrame, lag, lead, first_value,
/// last_value, count, sum, avg, min, max.
class WindowPlanner
{
public:
    static bool hasWindowFunctions(const ASTSelectQuery & query);

    /// Throws NOT_IMPLEMENTED (window functions with GROUP BY / aggregates, RANGE offsets, GROUPS,
    /// other functions), UNKNOWN_IDENTIFIER for unknown WINDOW names.
    static JoinPlanner::Result plan(const ASTSelectQuery & query, const ITableResolver & tables, const ISubqueryExecutor * subqueries);
};

} // namespace pipit
