#pragma once

#include "engine/functions/IFunction.h"

#include <memory>

namespace pipit
{

/// A compiled lambda `(x1, ..., xn) -> body` handed to higher-order functions (arrayMap, ...). The
/// planner implements it over its expression DAG; functions only evaluate it.
class ILambdaExpression
{
public:
    virtual ~ILambdaExpression() = default;

    virtual size_t getNumberOfParameters() const = 0;
    virtual DataTypePtr getResultType() const = 0;
    /// Evaluates the body for `rows` rows: `parameters` holds one column per parameter, `captured`
    /// the outer columns the body uses, in the order the function received them, already
    /// expanded to `rows` rows. The result is a full (non-constant) column of `rows` rows.
    virtual ColumnPtr execute(const ColumnsWithTypeAndName & parameters, const ColumnsWithTypeAndName & captured, size_t rows) const = 0;
};

using LambdaExpressionPtr = std::shared_ptr<const ILambdaExpression>;

} // namespace pipit
