#include "engine/functions/FunctionIf.h"

#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionRegistry.h"

#include <algorithm>

namespace pipit
{

namespace
{

template <typename T>
ColumnPtr selectNumbers(const PODArray<UInt8> & condition, const IColumn & then_column, const IColumn & else_column)
{
    const auto & a = assertColumnCast<ColumnVector<T>>(then_column).getData();
    const auto & b = assertColumnCast<ColumnVector<T>>(else_column).getData();
    size_t rows = condition.size();
    auto res = ColumnVector<T>::create(rows);
    T * __restrict out = res->getData().data();
    const UInt8 * __restrict c = condition.data();
    for (size_t i = 0; i < rows; ++i)
        out[i] = c[i] ? a[i] : b[i];
    return res;
}

template <typename... Ts>
bool trySelectNumbers(const PODArray<UInt8> & condition, const IColumn & a, const IColumn & b, ColumnPtr & res)
{
    return ((dynamic_cast<const ColumnVector<Ts> *>(&a) && (res = selectNumbers<Ts>(condition, a, b), true)) || ...);
}

void checkConditionType(const std::string & function, const ColumnsWithTypeAndName & arguments, size_t i)
{
    const auto & type = arguments[i].type;
    if (isNothing(*type))
        return;
    if (!isNativeNumber(removeNullableType(removeLowCardinalityType(type))->getTypeId()))
        throwIllegalTypeOfArgument(function, type, i, "condition must be a number");
}

class FunctionMultiIf final : public IFunction
{
public:
    std::string getName() const override { return "multiIf"; }
    bool isVariadic() const override { return true; }
    bool useDefaultImplementationForNulls() const override { return false; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.size() < 3 || arguments.size() % 2 == 0)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                            "Invalid number of arguments for function multiIf: " + std::to_string(arguments.size()) +
                                " (must be odd and at least 3: cond1, then1, ..., else)");
        DataTypes branches;
        for (size_t i = 0; i + 1 < arguments.size(); i += 2)
        {
            checkConditionType(getName(), arguments, i);
            branches.push_back(arguments[i + 1].type);
        }
        branches.push_back(arguments.back().type);
        return leastSupertype(branches);
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        ColumnPtr res = convertToFullColumnIfConst(castColumn(arguments.back(), result_type));
        for (size_t k = arguments.size() - 1; k >= 2; k -= 2)
        {
            auto condition = conditionValues(arguments[k - 2], rows);
            auto then_column = convertToFullColumnIfConst(castColumn(arguments[k - 1], result_type));
            res = selectByCondition(condition, then_column, res);
        }
        return res;
    }
};

} // namespace

PODArray<UInt8> conditionValues(const ColumnWithTypeAndName & condition, size_t rows)
{
    PODArray<UInt8> res(rows, 0);
    if (isNothing(*condition.type))
        return res;
    auto full = convertToFullColumnIfConst(condition.column);
    const IColumn * values = full.get();
    const PODArray<UInt8> * null_map = nullptr;
    if (const auto * n = dynamic_cast<const ColumnNullable *>(values))
    {
        values = &n->getNestedColumn();
        null_map = &n->getNullMapData();
    }
    auto type = removeNullableType(condition.type);
    dispatchNativeNumber(type->getTypeId(),
                         [&](auto tag)
                         {
                             using T = typename decltype(tag)::Type;
                             const auto & data = assertColumnCast<ColumnVector<T>>(*values).getData();
                             for (size_t i = 0; i < rows; ++i)
                                 res[i] = data[i] != 0;
                         });
    if (null_map)
        for (size_t i = 0; i < rows; ++i)
            res[i] &= !(*null_map)[i];
    return res;
}

ColumnPtr selectByCondition(const PODArray<UInt8> & condition, const ColumnPtr & then_column, const ColumnPtr & else_column)
{
    ColumnPtr res;
    if (trySelectNumbers<UInt8, UInt16, UInt32, UInt64, Int8, Int16, Int32, Int64, Float32, Float64, Int128, UInt128>(
            condition, *then_column, *else_column, res))
        return res;
    if (const auto * a = dynamic_cast<const ColumnNullable *>(then_column.get()))
    {
        const auto & b = assertColumnCast<ColumnNullable>(*else_column);
        auto nested = selectByCondition(condition, a->getNestedColumnPtr(), b.getNestedColumnPtr());
        auto null_map = selectNumbers<UInt8>(condition, a->getNullMapColumn(), b.getNullMapColumn());
        return ColumnNullable::create(std::const_pointer_cast<IColumn>(nested), std::const_pointer_cast<IColumn>(null_map));
    }
    if (const auto * a = dynamic_cast<const ColumnString *>(then_column.get()))
    {
        const auto & b = assertColumnCast<ColumnString>(*else_column);
        auto out = ColumnString::create();
        out->getOffsets().reserve(condition.size());
        for (size_t i = 0; i < condition.size(); ++i)
        {
            auto v = condition[i] ? a->getDataAt(i) : b.getDataAt(i);
            out->insertData(v.data(), v.size());
        }
        return out;
    }
    auto out = then_column->cloneEmpty();
    out->reserve(condition.size());
    for (size_t i = 0; i < condition.size(); ++i)
        out->insertFrom(condition[i] ? *then_column : *else_column, i);
    return out;
}

DataTypePtr FunctionIf::getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const
{
    checkConditionType(getName(), arguments, 0);
    return leastSupertype({arguments[1].type, arguments[2].type});
}

ColumnPtr FunctionIf::executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const
{
    if (const auto * c = dynamic_cast<const ColumnConst *>(arguments[0].column.get()))
    {
        auto condition = conditionValues({c->getDataColumnPtr(), arguments[0].type, ""}, 1);
        const auto & chosen = condition[0] ? arguments[1] : arguments[2];
        return castColumn(chosen, result_type);
    }
    auto condition = conditionValues(arguments[0], rows);
    auto then_column = convertToFullColumnIfConst(castColumn(arguments[1], result_type));
    auto else_column = convertToFullColumnIfConst(castColumn(arguments[2], result_type));
    return selectByCondition(condition, then_column, else_column);
}

void registerFunctionsConditional(FunctionRegistry & registry)
{
    registry.add({"if", [] { return std::make_shared<FunctionIf>(); },
                  "then if the condition is true (non-zero), else otherwise; a NULL condition counts as false",
                  "SELECT if(1 > 0, 'yes', 'no')", true, ""});
    registry.add({"multiIf", [] { return std::make_shared<FunctionMultiIf>(); },
                  "The value of the first true condition (CASE WHEN ... THEN ... ELSE ... END)",
                  "SELECT multiIf(number < 2, 'small', number < 5, 'medium', 'large') FROM numbers(10)", false, ""});
}

} // namespace pipit
