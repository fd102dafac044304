#pragma once

#include "engine/functions/ILambdaExpression.h"
#include "engine/planner/ExpressionActions.h"

namespace pipit
{

/// A lambda body compiled into its own ExpressionActions, whose inputs are the lambda's parameters
/// and the captured outer columns (by name); its one output is the body's value.
class LambdaExpressionActions final : public ILambdaExpression
{
public:
    LambdaExpressionActions(std::shared_ptr<const ExpressionActions> actions, std::vector<std::string> parameters,
                            std::vector<std::string> captured);

    size_t getNumberOfParameters() const override { return parameters_.size(); }
    DataTypePtr getResultType() const override { return result_type_; }
    ColumnPtr execute(const ColumnsWithTypeAndName & parameters, const ColumnsWithTypeAndName & captured, size_t rows) const override;

private:
    std::shared_ptr<const ExpressionActions> actions_;
    std::vector<std::string> parameters_;
    std::vector<std::string> captured_;
    DataTypePtr result_type_;
};

} // namespace pipit
