#pragma once

#include "engine/functions/IFunction.h"

namespace pipit
{

/// Row i of the result is then_column[i] where condition[i] != 0, else else_column[i]. Both
/// columns have the same kind (as created by one data type) and are full (not ColumnConst) with
/// condition.size() rows. Vectorized for numbers; Nullable selects nested values and null maps.
ColumnPtr selectByCondition(const PODArray<UInt8> & condition, const ColumnPtr & then_column, const ColumnPtr & else_column);

/// Truth value of each row of a condition argument (numbers; NULL counts as false).
PODArray<UInt8> conditionValues(const ColumnWithTypeAndName & condition, size_t rows);

/// if(cond, then, else): the result type is the least supertype of the branches; a NULL
/// condition selects `else`.
class FunctionIf final : public IFunction
{
public:
    std::string getName() const override { return "if"; }
    size_t getNumberOfArguments() const override { return 3; }
    bool useDefaultImplementationForNulls() const override { return false; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override;
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override;
};

} // namespace pipit
