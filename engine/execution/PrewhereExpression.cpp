#include "engine/execution/PrewhereExpression.h"

#include "engine/columns/ColumnVector.h"
#include "engine/execution/BlockOperations.h"
#include "engine/functions/FunctionArguments.h"

#include <algorithm>

namespace pipit
{

PrewhereExpression::PrewhereExpression(ExpressionActionsPtr where_actions, std::string filter_column)
    : where_actions_(std::move(where_actions))
    , filter_column_(std::move(filter_column))
    , required_columns_(where_actions_->getRequiredInputs())
{
}

StorageExpressionPtr PrewhereExpression::tryCreate(const ExpressionActionsPtr & where_actions, const std::string & filter_column,
                                                   const std::vector<std::string> & read_columns)
{
    if (!where_actions)
        return nullptr;
    /// Evaluated twice (here and by the query), so it must give the same answer both times.
    for (const auto & node : where_actions->getNodes())
        if (node.type == ExpressionActions::NodeType::Function && !node.function->isDeterministicInScopeOfQuery())
            return nullptr;
    auto required = where_actions->getRequiredInputs();
    if (required.empty() || required.size() >= read_columns.size())
        return nullptr;
    for (const auto & name : required)
        if (std::find(read_columns.begin(), read_columns.end(), name) == read_columns.end())
            return nullptr;
    return std::make_shared<PrewhereExpression>(where_actions, filter_column);
}

DataTypePtr PrewhereExpression::resultType() const
{
    return typeUInt8();
}

ColumnPtr PrewhereExpression::evaluate(const Block & block) const
{
    Block result = where_actions_->execute(block);
    const auto & filter = result.getByName(filter_column_);
    auto mask = ColumnUInt8::create();
    mask->getData() = BlockOperations::filterMask(filter.column, filter.type, block.rows());
    size_t kept = 0;
    for (UInt8 keep : mask->getData())
        kept += keep != 0;
    rows_dropped_.fetch_add(block.rows() - kept, std::memory_order_relaxed);
    return mask;
}

} // namespace pipit
