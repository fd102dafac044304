#pragma once

#include "engine/planner/ITableResolver.h"
#include "engine/sql/ASTSelectQuery.h"

#include <memory>

namespace pipit
{

/// Plans the JOINs of a SELECT's FROM (`a [kind] JOIN b ON ... | USING (...)`, CROSS JOIN, commas)
/// by turning them into one table: the query is rewritten to read a StorageHashJoin chain, with
/// every `t.col` replaced by the joined column's name, and planned as a single-table query.
///
/// Naming (as ClickHouse): a right-side column keeps its name unless an earlier table has that
/// name; then it is `<alias or table>.<name>`. Unqualified names resolve to the leftmost table
/// that has them; a USING column appears once. Non-matching rows get default values, or NULL
/// with SETTINGS join_use_nulls = 1.
///
/// The right sides are built in memory (hash tables) when planning; the leftmost table streams.
/// WHERE conjuncts over one table's columns are also applied to that table before the join where
/// the join kinds allow it (the full WHERE still runs after the join).
class JoinPlanner
{
public:
    /// True when FROM has more than one table (JOIN or comma), without ARRAY JOIN.
    static bool hasJoin(const ASTSelectQuery & query);

    struct Result
    {
        /// The query over the single joined table.
        std::shared_ptr<ASTSelectQuery> query;
        /// Resolves the joined table's name, other names through the original resolver (which
        /// must outlive it).
        std::shared_ptr<ITableResolver> tables;
    };

    /// Throws INVALID_JOIN_ON_EXPRESSION (no equality between the two sides), UNKNOWN_IDENTIFIER,
    /// NOT_IMPLEMENTED (ASOF, PASTE, ANY/SEMI/ANTI RIGHT/FULL, conditions over both sides in outer joins).
    static Result plan(const ASTSelectQuery & query, const ITableResolver & tables, const ISubqueryExecutor * subqueries);
};

} // namespace pipit
