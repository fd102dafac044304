#pragma once

#include "engine/planner/ITableResolver.h"
#include "engine/planner/SelectQueryPlan.h"
#include "engine/sql/ASTNode.h"

#include <chrono>
#include <functional>
#include <optional>

namespace pipit
{

/// Knobs of SELECT execution (the session maps its settings onto these).
struct ExecutionSettings
{
    /// Parallel streams read from storage; 0 = number of cores.
    size_t max_threads = 0;
    size_t max_block_size = 65536;
    /// When set, a query still reading its sources after this instant stops with TIMEOUT_EXCEEDED
    /// (the query setting max_execution_time, in seconds, can only bring it earlier).
    std::optional<std::chrono::steady_clock::time_point> deadline;
    /// Query setting group_by_two_level_threshold: groups from which GROUP BY tables become
    /// two-level (0: never by count); unset: Aggregator::kDefaultTwoLevelThreshold.
    std::optional<size_t> group_by_two_level_threshold;
};

/// What executeSelect reports besides the rows.
struct SelectResult
{
    /// Result column names and types (null columns).
    Block header;
    size_t rows = 0;
    /// Rows the query would return without LIMIT/OFFSET, at least (exact when the whole input was
    /// processed, e.g. with ORDER BY or aggregation).
    size_t rows_before_limit_at_least = 0;
    /// The query (or one element of its UNION) has a LIMIT: FORMAT JSON then reports rows_before_limit_at_least.
    bool has_limit = false;
    ReadStatistics statistics;
    /// GROUP BY ... WITH TOTALS: the one-row totals block, named and typed as `header`.
    std::optional<Block> totals;
};

using BlockCallback = std::function<void(const Block &)>;

/// Runs SELECT queries: plans them (SelectQueryPlanner) and executes the plan vectorized, the
/// per-stream part (read -> filter -> expression or partial aggregation -> partial sort/top-N) in
/// parallel on the global thread pool, then merges (aggregates, sort, DISTINCT, LIMIT/OFFSET)
/// and hands result blocks (materialised, named as the result header) to `on_block` in order.
class QueryPipeline
{
public:
    /// `query` is an ASTSelectWithUnionQuery (UNION ALL supported) or an ASTSelectQuery.
    static SelectResult executeSelect(const ASTPtr & query, const ITableResolver & tables, const ExecutionSettings & settings,
                                      const BlockCallback & on_block);

    /// executeSelect that first hands the result header to `on_header` (before any block), taken from the plan
    /// it executes: one planning pass instead of getResultHeader() followed by executeSelect().
    static SelectResult executeSelectWithHeader(const ASTPtr & query, const ITableResolver & tables, const ExecutionSettings & settings,
                                                const BlockCallback & on_header, const BlockCallback & on_block);

    static SelectResult executePlan(const SelectQueryPlan & plan, const ExecutionSettings & settings, const BlockCallback & on_block);

    /// EXPLAIN: the plan as text, with the parts and granules the key condition selects.
    static std::string explainSelect(const ASTPtr & query, const ITableResolver & tables, const ExecutionSettings & settings);

    /// Result header without running the query (for DESCRIBE (SELECT ...), CREATE VIEW).
    static Block getResultHeader(const ASTPtr & query, const ITableResolver & tables);
};

} // namespace pipit
