#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionIf.h"
#include "engine/functions/FunctionRegistry.h"

#include <cstring>

#include <algorithm>

namespace pipit
{

namespace
{

/// Null flags of an argument (all 0 for non-Nullable, all 1 for the NULL literal).
PODArray<UInt8> nullFlags(const ColumnWithTypeAndName & arg, size_t rows)
{
    PODArray<UInt8> res(rows, 0);
    if (isNothing(*arg.type))
    {
        std::memset(res.data(), 1, rows);
        return res;
    }
    const IColumn * column = arg.column.get();
    if (const auto * c = dynamic_cast<const ColumnConst *>(column))
    {
        if (const auto * n = dynamic_cast<const ColumnNullable *>(&c->getDataColumn()))
            std::memset(res.data(), n->getNullMapData()[0], rows);
        return res;
    }
    if (const auto * n = dynamic_cast<const ColumnNullable *>(column))
        std::memcpy(res.data(), n->getNullMapData().data(), rows);
    return res;
}

class FunctionIsNull final : public IFunction
{
public:
    explicit FunctionIsNull(bool negate)
        : negate_(negate)
    {
    }
    std::string getName() const override { return negate_ ? "isNotNull" : "isNull"; }
    size_t getNumberOfArguments() const override { return 1; }
    bool useDefaultImplementationForNulls() const override { return false; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName &) const override { return typeUInt8(); }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        auto flags = nullFlags(arguments[0], rows);
        auto res = ColumnUInt8::create(rows);
        for (size_t i = 0; i < rows; ++i)
            res->getData()[i] = flags[i] ^ static_cast<UInt8>(negate_);
        return res;
    }

private:
    bool negate_;
};

/// coalesce(a, b, ...) and ifNull(a, b): the first non-NULL argument.
class FunctionCoalesce final : public IFunction
{
public:
    explicit FunctionCoalesce(std::string name)
        : name_(std::move(name))
    {
    }
    std::string getName() const override { return name_; }
    bool isVariadic() const override { return name_ != "ifNull"; }
    size_t getNumberOfArguments() const override { return 2; }
    bool useDefaultImplementationForNulls() const override { return false; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.empty())
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Function " + name_ + " requires at least one argument");
        DataTypes types;
        bool has_non_nullable = false;
        for (const auto & arg : arguments)
        {
            types.push_back(arg.type);
            has_non_nullable = has_non_nullable || (!arg.type->isNullable() && !isNothing(*arg.type));
        }
        auto common = leastSupertype(types);
        return has_non_nullable ? removeNullableType(common) : common;
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        /// Fold from the last argument: res = isNotNull(arg_k) ? arg_k : res. Arguments after the
        /// first non-Nullable one can never be chosen.
        size_t last = arguments.size() - 1;
        for (size_t k = 0; k < arguments.size(); ++k)
            if (!arguments[k].type->isNullable() && !isNothing(*arguments[k].type))
            {
                last = k;
                break;
            }
        auto nullable_result = makeNullableType(result_type);
        auto cast_branch = [&](const ColumnWithTypeAndName & arg) -> ColumnPtr
        {
            if (isNothing(*arg.type))
            {
                auto column = nullable_result->createColumn();
                column->insertManyDefaults(rows);
                return column;
            }
            return convertToFullColumnIfConst(castColumn(arg, nullable_result));
        };
        ColumnPtr res = cast_branch(arguments[last]);
        for (size_t k = last; k-- > 0;)
        {
            auto flags = nullFlags(arguments[k], rows);
            for (auto & f : flags)
                f = !f;
            res = selectByCondition(flags, cast_branch(arguments[k]), res);
        }
        if (!result_type->isNullable())
            return castColumn({res, nullable_result, ""}, result_type);
        return res;
    }

private:
    std::string name_;
};

class FunctionAssumeNotNull final : public IFunction
{
public:
    std::string getName() const override { return "assumeNotNull"; }
    size_t getNumberOfArguments() const override { return 1; }
    bool useDefaultImplementationForNulls() const override { return false; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override { return removeNullableType(arguments[0].type); }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        if (isNothing(*arguments[0].type))
            return createConstColumn(result_type, Field(), rows);
        auto full = convertToFullColumnIfConst(arguments[0].column);
        if (const auto * n = dynamic_cast<const ColumnNullable *>(full.get()))
            return n->getNestedColumnPtr();
        return full;
    }
};

class FunctionToNullable final : public IFunction
{
public:
    std::string getName() const override { return "toNullable"; }
    size_t getNumberOfArguments() const override { return 1; }
    bool useDefaultImplementationForNulls() const override { return false; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override { return makeNullableType(arguments[0].type); }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t) const override
    {
        return castColumn(arguments[0], result_type);
    }
};

/// nullIf(x, y): NULL where x = y, else x (as ClickHouse's if(x = y, NULL, x): a NULL comparison keeps x).
class FunctionNullIf final : public IFunction
{
public:
    std::string getName() const override { return "nullIf"; }
    size_t getNumberOfArguments() const override { return 2; }
    bool useDefaultImplementationForNulls() const override { return false; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        /// The arguments must be comparable.
        FunctionRegistry::instance().get("equals")->getReturnType(arguments);
        return makeNullableType(arguments[0].type);
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        if (isNothing(*removeNullableType(arguments[0].type)))
            return createConstColumn(result_type, Field(), rows);
        auto equals = FunctionRegistry::instance().get("equals");
        auto equal_type = equals->getReturnType(arguments);
        auto equal = convertToFullColumnIfConst(equals->execute(arguments, equal_type, rows));
        auto res = convertToFullColumnIfConst(castColumn(arguments[0], result_type))->cloneMutable();
        auto & null_map = assertColumnCast<ColumnNullable>(*res).getNullMapData();
        if (isNothing(*removeNullableType(equal_type)))
            return res;
        const IColumn * flags = equal.get();
        const PODArray<UInt8> * flag_nulls = nullptr;
        if (const auto * n = dynamic_cast<const ColumnNullable *>(flags))
        {
            flags = &n->getNestedColumn();
            flag_nulls = &n->getNullMapData();
        }
        const auto & data = assertColumnCast<ColumnUInt8>(*flags).getData();
        for (size_t i = 0; i < rows; ++i)
            null_map[i] |= static_cast<UInt8>((data[i] != 0) & (flag_nulls ? (*flag_nulls)[i] == 0 : 1));
        return res;
    }
};

} // namespace

void registerFunctionsNull(FunctionRegistry & registry)
{
    registry.add(
        {"isNull", [] { return std::make_shared<FunctionIsNull>(false); }, "1 if the value is NULL", "SELECT isNull(NULL)", false, ""});
    registry.add({"isNotNull", [] { return std::make_shared<FunctionIsNull>(true); }, "1 if the value is not NULL", "SELECT isNotNull(1)",
                  false, ""});
    registry.add({"coalesce", [] { return std::make_shared<FunctionCoalesce>("coalesce"); }, "The first non-NULL argument",
                  "SELECT coalesce(NULL, 2, 3)", true, ""});
    registry.add({"ifNull", [] { return std::make_shared<FunctionCoalesce>("ifNull"); },
                  "The first argument unless it is NULL, else the second", "SELECT ifNull(NULL, 'default')", true, ""});
    registry.add({"assumeNotNull", [] { return std::make_shared<FunctionAssumeNotNull>(); },
                  "The value as a non-Nullable type (NULLs become the type's default)", "SELECT assumeNotNull(toNullable(1))", false, ""});
    registry.add({"nullIf", [] { return std::make_shared<FunctionNullIf>(); }, "NULL if the two arguments are equal, else the first",
                  "SELECT nullIf(1, 1)", true, ""});
    registry.add({"toNullable", [] { return std::make_shared<FunctionToNullable>(); }, "The value as a Nullable type",
                  "SELECT toNullable(1)", false, ""});
}

} // namespace pipit
