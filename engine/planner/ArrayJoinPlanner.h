#pragma once

#include "engine/planner/JoinPlanner.h"

namespace pipit
{

/// Plans `[LEFT] ARRAY JOIN expr [AS alias], ...` and the `arrayJoin(x)` function by turning them
/// into StorageArrayJoin layers over the FROM table: each ARRAY JOIN clause is one layer (its arrays
/// unfold together), each distinct arrayJoin(x) call another (calls multiply rows), and the query is
/// rewritten to read the result as a single table (arrayJoin(x) calls become columns; output names
/// are kept).
class ArrayJoinPlanner
{
public:
    /// True when FROM has ARRAY JOIN or an expression of the query calls arrayJoin.
    static bool hasArrayJoin(const ASTSelectQuery & query);

    /// Throws TYPE_MISMATCH (not an array), NOT_IMPLEMENTED (ARRAY JOIN together with JOIN).
    static JoinPlanner::Result plan(const ASTSelectQuery & query, const ITableResolver & tables, const ISubqueryExecutor * subqueries);
};

} // namespace pipit
