#pragma once

#include "engine/aggregates/IAggregateFunction.h"
#include "engine/planner/ExpressionActions.h"
#include "engine/planner/FillingTransform.h"
#include "engine/storage/IStorage.h"

#include <optional>
#include <string>
#include <vector>

namespace pipit
{

/// One aggregate call of the query: `sum(x)`, `count()`, `countIf(cond)`, `quantiles(0.5, 0.9)(x)`.
struct AggregateDescription
{
    /// Lower-case function name as resolved (count, sum, countif, quantiles, uniqexact for
    /// count(DISTINCT x) ...).
    std::string function;
    /// The function from AggregateFunctionFactory for argument_types and parameters.
    AggregateFunctionPtr function_ptr;
    FieldVector parameters;
    /// Canonical name of the call; the aggregated block holds its value under this name.
    std::string column_name;
    /// Canonical names of the argument columns computed before aggregation.
    std::vector<std::string> arguments;
    DataTypes argument_types;
    DataTypePtr result_type;
};

/// One ORDER BY key: a column of the projected block.
struct SortColumnDescription
{
    std::string column_name;
    /// 1 ascending, -1 descending.
    int direction = 1;
    /// Where NULL/NaN sort, as IColumn's nan_direction_hint before applying direction.
    int nulls_direction = 1;
};
using SortDescription = std::vector<SortColumnDescription>;

/// The logical plan of one SELECT, in execution order:
///   Source -> Filter(where) -> [Aggregate(keys, aggregates) -> Filter(having)] -> Expression(projection)
///   -> Sort -> Limit(offset, limit) -> Projection(result columns)
/// Expressions are compiled ExpressionActions; the per-stream part (source .. partial sort) runs in
/// parallel, the rest after merging the streams.
struct SelectQueryPlan
{
    enum class SourceKind
    {
        /// SELECT without FROM: one row of a `dummy` UInt8 column.
        OneRow,
        /// numbers(N), numbers(offset, N), system.numbers: a `number` UInt64 column.
        Numbers,
        Table,
    };

    SourceKind source_kind = SourceKind::OneRow;
    /// For tables.
    StoragePtr storage;
    std::string table_name;
    bool final = false;
    /// For numbers: first value and count (nullopt = unbounded, only with LIMIT).
    UInt64 numbers_offset = 0;
    std::optional<UInt64> numbers_count;
    /// Columns of the source (all columns that can be read) and those actually read.
    Block source_header;
    std::vector<std::string> read_columns;
    std::shared_ptr<const IKeyCondition> key_condition;
    /// Text of the key condition for EXPLAIN; empty when none.
    std::string key_condition_description;

    /// WHERE (and PREWHERE): actions over the source header with one output, the filter column.
    ExpressionActionsPtr where_actions;

    /// Aggregation (GROUP BY and/or aggregate functions).
    bool has_aggregation = false;
    /// Over the (filtered) source header: outputs the group keys and every aggregate argument.
    ExpressionActionsPtr before_aggregation_actions;
    std::vector<std::string> group_keys;
    std::vector<AggregateDescription> aggregates;
    /// count() without WHERE/GROUP BY on a storage that knows its total rows.
    bool count_from_total_rows = false;
    /// HAVING: actions over the aggregated header with one output, the filter column.
    ExpressionActionsPtr having_actions;
    /// GROUP BY ... WITH ROLLUP / WITH CUBE (and ROLLUP(...) / CUBE(...)): after the groups, subtotals
    /// with the trailing keys (ROLLUP) or every subset of keys (CUBE) set to their type's default value.
    enum class GroupByModifier
    {
        None,
        Rollup,
        Cube,
    };
    GroupByModifier group_by_modifier = GroupByModifier::None;
    /// GROUP BY ... WITH TOTALS: one more row (SelectResult::totals) over the groups that pass HAVING.
    bool group_by_with_totals = false;

    /// Over the source header (or the aggregated header): outputs the result columns (result
    /// names) followed by the sort keys that are not result columns.
    ExpressionActionsPtr projection_actions;
    SortDescription sort;
    /// ORDER BY ... WITH FILL on the first sort key: applied to the sorted rows before LIMIT BY and LIMIT.
    std::optional<FillDescription> fill;
    bool distinct = false;
    std::optional<UInt64> limit;
    UInt64 offset = 0;
    /// LIMIT n [OFFSET m] BY cols, applied after Sort and before Limit: per distinct value of the
    /// projected columns `limit_by_columns`, rows m .. m+n-1 in sort order.
    std::optional<UInt64> limit_by_length;
    UInt64 limit_by_offset = 0;
    std::vector<std::string> limit_by_columns;

    /// Names and types of the result, in order.
    Block result_header;

    /// Indented textual plan (EXPLAIN); `statistics` adds the parts/granules selected.
    std::string explain(const ReadStatistics * statistics = nullptr) const;
};

} // namespace pipit
