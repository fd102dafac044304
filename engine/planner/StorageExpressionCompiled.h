#pragma once

#include "engine/planner/ExpressionActions.h"
#include "engine/sql/ASTNode.h"
#include "engine/storage/IStorage.h"

namespace pipit
{

/// An IStorageExpression compiled from an AST over a table's columns: what the session hands to
/// storage for ORDER BY / PARTITION BY / TTL / DEFAULT expressions and ALTER DELETE predicates.
/// Throws the binder's errors (UNKNOWN_IDENTIFIER, ILLEGAL_TYPE_OF_ARGUMENT, ...) on construction.
class StorageExpressionCompiled final : public IStorageExpression
{
public:
    StorageExpressionCompiled(const ASTPtr & expression, const ColumnsDescription & columns);
    StorageExpressionCompiled(const ASTPtr & expression, const Block & header);

    std::vector<std::string> requiredColumns() const override { return required_columns_; }
    DataTypePtr resultType() const override { return result_type_; }
    /// Materialised result (never ColumnConst) of block.rows() rows.
    ColumnPtr evaluate(const Block & block) const override;
    std::string text() const override { return text_; }
    /// True for a column itself, or a chain of always-monotonic non-decreasing functions with one
    /// varying argument over one column (toDate(ts), toStartOfHour(ts), toYYYYMM(d), x + 1).
    bool isMonotonic() const override { return is_monotonic_; }

    const ExpressionActions & getActions() const { return *actions_; }

private:
    void compile(const ASTPtr & expression, const Block & header);

    std::shared_ptr<ExpressionActions> actions_;
    std::vector<std::string> required_columns_;
    DataTypePtr result_type_;
    std::string text_;
    bool is_monotonic_ = false;
};

} // namespace pipit
