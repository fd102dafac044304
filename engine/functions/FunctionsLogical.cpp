#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionRegistry.h"

#include <cstring>

#include <algorithm>

namespace pipit
{

namespace
{

bool isLogicalArgumentType(const DataTypePtr & type)
{
    if (isNothing(*type))
        return true;
    return isNativeNumber(removeNullableType(type)->getTypeId());
}

/// Truth value (0/1) and NULL flag of every row of a logical argument.
void truthValues(const ColumnWithTypeAndName & arg, size_t rows, UInt8 * value, UInt8 * is_null)
{
    std::memset(is_null, 0, rows);
    if (isNothing(*arg.type))
    {
        std::memset(value, 0, rows);
        std::memset(is_null, 1, rows);
        return;
    }
    const IColumn * column = arg.column.get();
    bool is_const = false;
    if (const auto * c = dynamic_cast<const ColumnConst *>(column))
    {
        column = &c->getDataColumn();
        is_const = true;
    }
    const IColumn * nested = column;
    if (const auto * n = dynamic_cast<const ColumnNullable *>(column))
    {
        nested = &n->getNestedColumn();
        const auto & null_map = n->getNullMapData();
        if (is_const)
            std::memset(is_null, null_map[0], rows);
        else
            std::memcpy(is_null, null_map.data(), rows);
    }
    auto nested_type = removeNullableType(arg.type);
    dispatchNativeNumber(nested_type->getTypeId(),
                         [&](auto tag)
                         {
                             using T = typename decltype(tag)::Type;
                             const auto & data = assertColumnCast<ColumnVector<T>>(*nested).getData();
                             if (is_const)
                                 std::memset(value, data[0] != 0, rows);
                             else
                                 for (size_t i = 0; i < rows; ++i)
                                     value[i] = data[i] != 0;
                         });
}

enum class LogicalKind
{
    And,
    Or,
    Xor,
};

class FunctionLogical final : public IFunction
{
public:
    explicit FunctionLogical(LogicalKind kind)
        : kind_(kind)
    {
    }

    std::string getName() const override { return kind_ == LogicalKind::And ? "and" : kind_ == LogicalKind::Or ? "or" : "xor"; }
    bool isVariadic() const override { return true; }
    bool useDefaultImplementationForNulls() const override { return false; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.size() < 2)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Number of arguments for function " + getName() +
                                                                             " doesn't match: passed " + std::to_string(arguments.size()) +
                                                                             ", should be at least 2");
        bool nullable = false;
        for (size_t i = 0; i < arguments.size(); ++i)
        {
            if (!isLogicalArgumentType(arguments[i].type))
                throwIllegalType(arguments, i);
            nullable = nullable || arguments[i].type->isNullable() || isNothing(*arguments[i].type);
        }
        return nullable ? makeNullableType(typeUInt8()) : typeUInt8();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        if (!result_type->isNullable())
            return executeNotNullable(arguments, rows);
        PODArray<UInt8> value(rows), is_null(rows);
        /// AND: decided[i] = some argument is FALSE; OR: some is TRUE; XOR: parity of TRUE.
        PODArray<UInt8> decided(rows, 0), any_null(rows, 0);
        for (const auto & arg : arguments)
        {
            truthValues(arg, rows, value.data(), is_null.data());
            UInt8 * __restrict d = decided.data();
            UInt8 * __restrict n = any_null.data();
            const UInt8 * __restrict v = value.data();
            const UInt8 * __restrict z = is_null.data();
            switch (kind_)
            {
            case LogicalKind::And:
                for (size_t i = 0; i < rows; ++i)
                    d[i] |= (!z[i]) & (!v[i]);
                break;
            case LogicalKind::Or:
                for (size_t i = 0; i < rows; ++i)
                    d[i] |= (!z[i]) & v[i];
                break;
            case LogicalKind::Xor:
                for (size_t i = 0; i < rows; ++i)
                    d[i] ^= (!z[i]) & v[i];
                break;
            }
            for (size_t i = 0; i < rows; ++i)
                n[i] |= z[i];
        }
        auto res = ColumnUInt8::create(rows);
        auto & out = res->getData();
        auto null_map = ColumnUInt8::create(rows);
        auto & nulls = null_map->getData();
        for (size_t i = 0; i < rows; ++i)
        {
            switch (kind_)
            {
            case LogicalKind::And:
                out[i] = !decided[i];
                nulls[i] = !decided[i] && any_null[i];
                break;
            case LogicalKind::Or:
                out[i] = decided[i];
                nulls[i] = !decided[i] && any_null[i];
                break;
            case LogicalKind::Xor:
                out[i] = decided[i];
                nulls[i] = any_null[i];
                break;
            }
            if (nulls[i])
                out[i] = 0;
        }
        if (!result_type->isNullable())
            return res;
        return ColumnNullable::create(std::move(res), std::move(null_map));
    }

private:
    /// No argument is Nullable: two-valued logic folded argument by argument into the result.
    ColumnPtr executeNotNullable(const ColumnsWithTypeAndName & arguments, size_t rows) const
    {
        auto res = ColumnUInt8::create(rows);
        UInt8 * __restrict out = res->getData().data();
        for (size_t a = 0; a < arguments.size(); ++a)
        {
            const auto & arg = arguments[a];
            if (arg.column->isConst())
            {
                UInt8 v = 0;
                UInt8 is_null = 0;
                truthValues(arg, 1, &v, &is_null);
                if (a == 0)
                    std::memset(out, v, rows);
                else if (kind_ == LogicalKind::And && !v)
                    std::memset(out, 0, rows);
                else if (kind_ == LogicalKind::Or && v)
                    std::memset(out, 1, rows);
                else if (kind_ == LogicalKind::Xor && v)
                    for (size_t i = 0; i < rows; ++i)
                        out[i] ^= 1;
                continue;
            }
            dispatchNativeNumber(arg.type->getTypeId(),
                                 [&](auto tag)
                                 {
                                     using T = typename decltype(tag)::Type;
                                     const T * __restrict data = assertColumnCast<ColumnVector<T>>(*arg.column).getData().data();
                                     if (a == 0)
                                         for (size_t i = 0; i < rows; ++i)
                                             out[i] = data[i] != 0;
                                     else if (kind_ == LogicalKind::And)
                                         for (size_t i = 0; i < rows; ++i)
                                             out[i] &= data[i] != 0;
                                     else if (kind_ == LogicalKind::Or)
                                         for (size_t i = 0; i < rows; ++i)
                                             out[i] |= data[i] != 0;
                                     else
                                         for (size_t i = 0; i < rows; ++i)
                                             out[i] ^= data[i] != 0;
                                 });
        }
        return res;
    }

    LogicalKind kind_;
};

class FunctionNot final : public IFunction
{
public:
    std::string getName() const override { return "not"; }
    size_t getNumberOfArguments() const override { return 1; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (!isNativeNumber(arguments[0].type->getTypeId()))
            throwIllegalType(arguments, 0);
        return typeUInt8();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        auto res = ColumnUInt8::create(rows);
        auto * out = res->getData().data();
        dispatchNativeNumber(arguments[0].type->getTypeId(),
                             [&](auto tag)
                             {
                                 using T = typename decltype(tag)::Type;
                                 NumericArgument<T> a(*arguments[0].column);
                                 for (size_t i = 0; i < rows; ++i)
                                     out[i] = a[i] == 0;
                             });
        return res;
    }
};

} // namespace

void registerFunctionsLogical(FunctionRegistry & registry)
{
    registry.add({"and", [] { return std::make_shared<FunctionLogical>(LogicalKind::And); },
                  "Logical AND of two or more values with ternary NULL logic (FALSE wins over NULL)", "SELECT and(1, NULL), and(0, NULL)",
                  true, ""});
    registry.add({"or", [] { return std::make_shared<FunctionLogical>(LogicalKind::Or); },
                  "Logical OR of two or more values with ternary NULL logic (TRUE wins over NULL)", "SELECT or(1, NULL), or(0, NULL)", true,
                  ""});
    registry.add({"xor", [] { return std::make_shared<FunctionLogical>(LogicalKind::Xor); },
                  "Logical exclusive OR of two or more values; NULL if any is NULL", "SELECT xor(1, 0, 1)", true, ""});
    registry.add(
        {"not", [] { return std::make_shared<FunctionNot>(); }, "Logical negation: 1 for zero, 0 otherwise", "SELECT not(0)", true, ""});
}

} // namespace pipit
