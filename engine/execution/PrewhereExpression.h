#pragma once

#include "engine/planner/ExpressionActions.h"
#include "engine/storage/IStorage.h"

#include <atomic>

namespace pipit
{

/// A query's WHERE handed to storage as ReadRequest::prewhere: evaluates to a UInt8 keep-mask (1 where the
/// condition is true, 0 where it is false or NULL), so storage can read the condition's columns first and the
/// other columns only for granules with a surviving row.
class PrewhereExpression final : public IStorageExpression
{
public:
    /// `where_actions` outputs the filter column `filter_column` over the table's columns.
    PrewhereExpression(ExpressionActionsPtr where_actions, std::string filter_column);

    /// The WHERE of a table read worth evaluating early: deterministic, and reading fewer columns than
    /// `read_columns`. nullptr otherwise.
    static StorageExpressionPtr tryCreate(const ExpressionActionsPtr & where_actions, const std::string & filter_column,
                                          const std::vector<std::string> & read_columns);

    std::vector<std::string> requiredColumns() const override { return required_columns_; }
    DataTypePtr resultType() const override;
    ColumnPtr evaluate(const Block & block) const override;
    std::string text() const override { return "WHERE"; }

    /// Rows evaluated whose mask was 0, over every evaluate() so far (storage read them, the query never saw them:
    /// they still count as rows read).
    size_t rowsDropped() const { return rows_dropped_.load(std::memory_order_relaxed); }

private:
    ExpressionActionsPtr where_actions_;
    std::string filter_column_;
    std::vector<std::string> required_columns_;
    mutable std::atomic<size_t> rows_dropped_ {0};
};

} // namespace pipit
