#include "engine/planner/LambdaExpressionActions.h"

#include "engine/base/Check.h"
#include "engine/columns/ColumnConst.h"

namespace pipit
{

LambdaExpressionActions::LambdaExpressionActions(std::shared_ptr<const ExpressionActions> actions, std::vector<std::string> parameters,
                                                 std::vector<std::string> captured)
    : actions_(std::move(actions))
    , parameters_(std::move(parameters))
    , captured_(std::move(captured))
{
    CHECK(actions_->getOutputs().size() == 1);
    result_type_ = actions_->getNode(actions_->getOutputs()[0].node).result_type;
}

ColumnPtr LambdaExpressionActions::execute(const ColumnsWithTypeAndName & parameters, const ColumnsWithTypeAndName & captured, size_t rows) const
{
    CHECK(parameters.size() == parameters_.size() && captured.size() == captured_.size());
    Block block;
    for (size_t i = 0; i < parameters.size(); ++i)
        block.insert({parameters[i].column, parameters[i].type, parameters_[i]});
    for (size_t i = 0; i < captured.size(); ++i)
        block.insert({captured[i].column, captured[i].type, captured_[i]});
    Block result = actions_->execute(block);
    ColumnPtr column = result.getByName(actions_->getOutputs()[0].name).column;
    if (const auto * c = dynamic_cast<const ColumnConst *>(column.get()))
        column = ColumnConst::create(c->getDataColumnPtr(), rows)->convertToFullColumn();
    return column;
}

} // namespace pipit
