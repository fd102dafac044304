#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionRegistry.h"
#include "engine/io/ReadHelpers.h"

#include <cmath>
#include <limits>
#include <type_traits>
#include <utility>

/// accurateCast(x, 'T'), accurateCastOrNull(x, 'T'), accurateCastOrDefault(x, 'T'[, default]): CAST that
/// only accepts a value the target type represents exactly (ClickHouse's accurate::convertNumeric):
/// integers in range, floats without a fractional part into integers, integers into floats without
/// rounding, floats into Float32 without losing precision (NaN and infinities pass); strings must
/// parse completely and in range. A value that does not convert throws CANNOT_CONVERT_TYPE, becomes
/// NULL, or becomes the default (the third argument, else the type's default), respectively.

namespace pipit
{

namespace
{

enum class AccurateMode
{
    Throw,
    Null,
    Default,
};

/// True when `value` converts to To and back without change (ClickHouse's accurate::convertNumeric).
template <typename From, typename To>
bool convertsExactly(From value)
{
    if constexpr (std::is_same_v<From, To>)
        return true;
    else if constexpr (std::is_floating_point_v<From> && std::is_floating_point_v<To>)
    {
        if (std::isnan(value) || std::isinf(value))
            return true;
        if (value > static_cast<From>(std::numeric_limits<To>::max()) || value < static_cast<From>(std::numeric_limits<To>::lowest()))
            return false;
        return static_cast<From>(static_cast<To>(value)) == value;
    }
    else if constexpr (std::is_floating_point_v<From>)
    {
        /// Float to integer: finite, in [lowest, 2^digits), no fractional part.
        if (!std::isfinite(value))
            return false;
        const long double low = static_cast<long double>(std::numeric_limits<To>::lowest());
        const long double high_exclusive = std::ldexp(1.0L, std::numeric_limits<To>::digits);
        const long double v = value;
        if (v < low || v >= high_exclusive)
            return false;
        return static_cast<long double>(static_cast<To>(value)) == v;
    }
    else if constexpr (std::is_floating_point_v<To>)
    {
        /// Integer to float: long double holds every 64-bit integer exactly.
        return static_cast<long double>(static_cast<To>(value)) == static_cast<long double>(value);
    }
    else
        return std::in_range<To>(value);
}

class FunctionAccurateCast final : public IFunction
{
public:
    FunctionAccurateCast(std::string name, AccurateMode mode)
        : name_(std::move(name))
        , mode_(mode)
    {
    }

    std::string getName() const override { return name_; }
    bool isVariadic() const override { return true; }
    bool useDefaultImplementationForNulls() const override { return false; }
    bool useDefaultImplementationForLowCardinality() const override { return false; }
    std::vector<size_t> getArgumentsThatAreAlwaysConstant() const override { return {1}; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        size_t max_args = mode_ == AccurateMode::Default ? 3 : 2;
        if (arguments.size() < 2 || arguments.size() > max_args)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Number of arguments for function " + name_ +
                                                                             " doesn't match: passed " + std::to_string(arguments.size()) +
                                                                             ", should be " + (max_args == 2 ? "2" : "2 or 3"));
        if (!arguments[1].column || !arguments[1].column->isConst() || arguments[1].type->getTypeId() != TypeIndex::String)
            throwIllegalTypeOfArgument(name_, arguments[1].type, 1, "expected a constant String with the target type");
        DataTypePtr target = typeByName(std::string(unwrapConst(*arguments[1].column).getDataAt(0)));
        return mode_ == AccurateMode::Null ? makeNullableType(target) : target;
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        const DataTypePtr to = removeNullableType(result_type);

        /// The source without LowCardinality and constness; its NULLs apart.
        ColumnWithTypeAndName source = arguments[0];
        source.column = convertToFullColumnIfConst(source.column);
        if (source.type->getTypeId() == TypeIndex::LowCardinality)
        {
            auto plain = removeLowCardinalityType(source.type);
            source = {castColumn(source, plain), plain, source.name};
        }
        PODArray<UInt8> is_null(rows, 0);
        PODArray<UInt8> failed(rows, 0);
        ColumnPtr converted;
        if (isNothing(*removeNullableType(source.type)))
        {
            auto column = to->createColumn();
            column->insertManyDefaults(rows);
            converted = std::move(column);
            std::fill(is_null.begin(), is_null.end(), 1);
        }
        else
        {
            ColumnPtr values = source.column;
            DataTypePtr from = source.type;
            if (const auto * nullable = dynamic_cast<const ColumnNullable *>(values.get()))
            {
                is_null.assign(nullable->getNullMapData().begin(), nullable->getNullMapData().end());
                values = nullable->getNestedColumnPtr();
                from = removeNullableType(from);
            }
            converted = convertExactly(values, from, to, failed);
        }

        bool any_failed = false;
        bool any_null = false;
        for (size_t i = 0; i < rows; ++i)
        {
            any_failed |= failed[i] && !is_null[i];
            any_null |= is_null[i] != 0;
        }
        if (mode_ == AccurateMode::Throw && any_failed)
            throw Exception(ErrorCode::CANNOT_CONVERT_TYPE,
                            "Value in column " + arguments[0].type->getName() + " cannot be safely converted into type " + to->getName());

        auto as_result = [&](const ColumnPtr & values, const PODArray<UInt8> & nulls) -> ColumnPtr
        {
            if (!result_type->isNullable())
                return values;
            auto null_map = ColumnUInt8::create(rows);
            std::copy(nulls.begin(), nulls.end(), null_map->getData().begin());
            return ColumnNullable::create(assumeMutable(values), std::move(null_map));
        };

        if (mode_ == AccurateMode::Throw)
        {
            if (any_null && !result_type->isNullable())
                throw Exception(ErrorCode::CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN,
                                "Cannot convert NULL value to non-Nullable type " + result_type->getName());
            return as_result(converted, is_null);
        }
        PODArray<UInt8> bad(rows, 0);
        for (size_t i = 0; i < rows; ++i)
            bad[i] = static_cast<UInt8>(is_null[i] | failed[i]);
        if (mode_ == AccurateMode::Null)
            return as_result(converted, bad);

        /// Default: the third argument (cast to the result type) or the type's default where bad.
        if (!any_failed && !any_null)
            return as_result(converted, bad);
        ColumnPtr defaults;
        if (arguments.size() == 3)
            defaults = castColumn(arguments[2], result_type);
        const IColumn * default_values = defaults ? &unwrapConst(*defaults) : nullptr;
        const bool default_const = defaults && defaults->isConst();
        ColumnPtr good = as_result(converted, PODArray<UInt8>(rows, 0));
        auto res = result_type->createColumn();
        res->reserve(rows);
        for (size_t i = 0; i < rows; ++i)
        {
            if (!bad[i])
                res->insertFrom(*good, i);
            else if (default_values)
                res->insertFrom(*default_values, default_const ? 0 : i);
            else
                res->insertDefault();
        }
        return res;
    }

private:
    /// `values` (non-Nullable `from`) converted to `to`, one row per row; rows that do not convert
    /// exactly are flagged in `failed` and hold some value of `to`.
    ColumnPtr convertExactly(const ColumnPtr & values, const DataTypePtr & from, const DataTypePtr & to, PODArray<UInt8> & failed) const
    {
        const TypeIndex f = from->getTypeId();
        const TypeIndex t = to->getTypeId();
        const size_t rows = values->size();
        if (isNativeNumber(f) && isNativeNumber(t) && t != TypeIndex::Bool)
        {
            dispatchNativeNumber(f,
                                 [&](auto from_tag)
                                 {
                                     using From = typename decltype(from_tag)::Type;
                                     const From * data = assertColumnCast<ColumnVector<From>>(*values).getData().data();
                                     dispatchNativeNumber(t,
                                                          [&](auto to_tag)
                                                          {
                                                              using To = typename decltype(to_tag)::Type;
                                                              for (size_t i = 0; i < rows; ++i)
                                                                  failed[i] = !convertsExactly<From, To>(data[i]);
                                                          });
                                 });
            return castColumn({values, from, ""}, to);
        }
        if (f == TypeIndex::String && isNativeNumber(t) && t != TypeIndex::Bool)
        {
            ColumnPtr res;
            dispatchNativeNumber(t,
                                 [&](auto tag)
                                 {
                                     using T = typename decltype(tag)::Type;
                                     auto column = ColumnVector<T>::create(rows);
                                     auto & out = column->getData();
                                     for (size_t i = 0; i < rows; ++i)
                                     {
                                         T v {};
                                         bool ok;
                                         if constexpr (std::is_floating_point_v<T>)
                                             ok = tryParseFloat(values->getDataAt(i), v);
                                         else
                                             ok = tryParseInt(values->getDataAt(i), v);
                                         out[i] = ok ? v : T {};
                                         failed[i] = !ok;
                                     }
                                     res = std::move(column);
                                 });
            return res;
        }
        /// Anything else: CAST semantics; row by row only when the whole column does not convert.
        if (mode_ == AccurateMode::Throw)
            return castColumn({values, from, ""}, to);
        try
        {
            return castColumn({values, from, ""}, to);
        }
        catch (const Exception &)
        {
        }
        auto res = to->createColumn();
        res->reserve(rows);
        for (size_t i = 0; i < rows; ++i)
        {
            try
            {
                auto one = convertToFullColumnIfConst(castColumn({values->cut(i, 1), from, ""}, to));
                res->insertFrom(*one, 0);
            }
            catch (const Exception &)
            {
                failed[i] = 1;
                res->insertDefault();
            }
        }
        return res;
    }

    std::string name_;
    AccurateMode mode_;
};

} // namespace

void registerFunctionsAccurateCast(FunctionRegistry & registry)
{
    registry.add({"accurateCast", [] { return std::make_shared<FunctionAccurateCast>("accurateCast", AccurateMode::Throw); },
                  "CAST that throws CANNOT_CONVERT_TYPE unless the value is represented exactly by the type",
                  "SELECT accurateCast(255, 'UInt8')", false, ""});
    registry.add({"accurateCastOrNull", [] { return std::make_shared<FunctionAccurateCast>("accurateCastOrNull", AccurateMode::Null); },
                  "CAST to Nullable(T): NULL where the value is not represented exactly by T", "SELECT accurateCastOrNull(-1, 'UInt8')",
                  false, ""});
    registry.add({"accurateCastOrDefault",
                  [] { return std::make_shared<FunctionAccurateCast>("accurateCastOrDefault", AccurateMode::Default); },
                  "CAST to T: the default (third argument, else T's default) where the value is not represented exactly by T",
                  "SELECT accurateCastOrDefault(-1, 'UInt8', 5)", false, ""});
}

} // namespace pipit
