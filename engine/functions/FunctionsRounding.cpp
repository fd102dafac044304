#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionIf.h"
#include "engine/functions/FunctionRegistry.h"

#include <algorithm>
#include <cfenv>
#include <cmath>

namespace pipit
{

namespace
{

enum class RoundingMode
{
    Round, /// to nearest, ties to even for floats (ClickHouse's round), ties away from zero for integers
    Floor,
    Ceil,
    Trunc,
};

const char * roundingName(RoundingMode mode)
{
    switch (mode)
    {
    case RoundingMode::Round:
        return "round";
    case RoundingMode::Floor:
        return "floor";
    case RoundingMode::Ceil:
        return "ceil";
    case RoundingMode::Trunc:
        return "trunc";
    }
    return "";
}

inline double applyMode(double v, RoundingMode mode)
{
    switch (mode)
    {
    case RoundingMode::Round:
        return std::nearbyint(v);
    case RoundingMode::Floor:
        return std::floor(v);
    case RoundingMode::Ceil:
        return std::ceil(v);
    case RoundingMode::Trunc:
        return std::trunc(v);
    }
    return v;
}

/// round/floor/ceil/trunc(x[, N]): N decimal places (negative: tens, hundreds, ...); the result
/// has the argument's type.
class FunctionRounding final : public IFunction
{
public:
    explicit FunctionRounding(RoundingMode mode)
        : mode_(mode)
    {
    }
    std::string getName() const override { return roundingName(mode_); }
    bool isVariadic() const override { return true; }
    std::vector<size_t> getArgumentsThatAreAlwaysConstant() const override { return {1}; }
    bool hasInformationAboutMonotonicity() const override { return true; }
    FunctionMonotonicity getMonotonicityForRange(const IDataType &, const Field &, const Field &) const override
    {
        return {true, true, true};
    }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.empty() || arguments.size() > 2)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Number of arguments for function " + getName() +
                                                                             " doesn't match: passed " + std::to_string(arguments.size()) +
                                                                             ", should be 1 or 2");
        if (!isNativeNumber(arguments[0].type->getTypeId()))
            throwIllegalType(arguments, 0);
        if (arguments.size() == 2 &&
            (!isInteger(arguments[1].type->getTypeId()) || !arguments[1].column || !arguments[1].column->isConst()))
            throwIllegalType(arguments, 1, "must be a constant integer");
        return arguments[0].type;
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        Int64 scale = arguments.size() == 2 ? (*arguments[1].column)[0].toInt64() : 0;
        scale = std::clamp<Int64>(scale, -20, 20);
        ColumnPtr res;
        dispatchNativeNumber(arguments[0].type->getTypeId(),
                             [&](auto tag)
                             {
                                 using T = typename decltype(tag)::Type;
                                 const auto & src = assertColumnCast<ColumnVector<T>>(*arguments[0].column).getData();
                                 auto out = ColumnVector<T>::create(rows);
                                 T * __restrict dst = out->getData().data();
                                 if constexpr (std::is_floating_point_v<T>)
                                 {
                                     double factor = std::pow(10.0, static_cast<double>(std::abs(scale)));
                                     for (size_t i = 0; i < rows; ++i)
                                     {
                                         double v = static_cast<double>(src[i]);
                                         double r = scale == 0  ? applyMode(v, mode_)
                                                    : scale > 0 ? applyMode(v * factor, mode_) / factor
                                                                : applyMode(v / factor, mode_) * factor;
                                         dst[i] = std::isfinite(r) ? static_cast<T>(r) : static_cast<T>(v);
                                     }
                                 }
                                 else
                                 {
                                     if (scale >= 0 || scale < -19)
                                     {
                                         std::copy(src.begin(), src.end(), dst);
                                         return;
                                     }
                                     UInt64 unit = 1;
                                     for (Int64 k = 0; k < -scale; ++k)
                                         unit *= 10;
                                     for (size_t i = 0; i < rows; ++i)
                                     {
                                         Int128 v = static_cast<Int128>(src[i]);
                                         Int128 u = static_cast<Int128>(unit);
                                         Int128 q = v / u;
                                         Int128 rem = v - q * u;
                                         Int128 down = rem < 0 ? (q - 1) * u : q * u; /// floor
                                         Int128 up = rem > 0 ? (q + 1) * u : q * u;   /// ceil
                                         Int128 r = 0;
                                         switch (mode_)
                                         {
                                         case RoundingMode::Floor:
                                             r = down;
                                             break;
                                         case RoundingMode::Ceil:
                                             r = up;
                                             break;
                                         case RoundingMode::Trunc:
                                             r = q * u;
                                             break;
                                         case RoundingMode::Round:
                                         {
                                             Int128 abs_rem = rem < 0 ? -rem : rem;
                                             r = abs_rem * 2 >= u ? (v < 0 ? down : up) : q * u;
                                             break;
                                         }
                                         }
                                         dst[i] = static_cast<T>(r);
                                     }
                                 }
                                 res = out;
                             });
        return res;
    }

private:
    RoundingMode mode_;
};

/// greatest(a, b, ...) / least(a, b, ...) in the arguments' common type.
class FunctionGreatest final : public IFunction
{
public:
    explicit FunctionGreatest(bool greatest)
        : greatest_(greatest)
    {
    }
    std::string getName() const override { return greatest_ ? "greatest" : "least"; }
    bool isVariadic() const override { return true; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.size() < 2)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Function " + getName() + " requires at least 2 arguments");
        DataTypes types;
        for (const auto & a : arguments)
            types.push_back(a.type);
        return leastSupertype(types);
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        ColumnPtr res = convertToFullColumnIfConst(castColumn(arguments[0], result_type));
        for (size_t k = 1; k < arguments.size(); ++k)
        {
            ColumnPtr other = convertToFullColumnIfConst(castColumn(arguments[k], result_type));
            PODArray<UInt8> take_other(rows);
            for (size_t i = 0; i < rows; ++i)
            {
                /// Ties take the later argument, as ClickHouse's `a > b ? a : b`: greatest(-0., 0.) is 0, not -0.
                int c = other->compareAt(i, i, *res, 1);
                take_other[i] = greatest_ ? c >= 0 : c <= 0;
            }
            res = selectByCondition(take_other, other, res);
        }
        return res;
    }

private:
    bool greatest_;
};

} // namespace

void registerFunctionsRounding(FunctionRegistry & registry)
{
    for (RoundingMode mode : {RoundingMode::Round, RoundingMode::Floor, RoundingMode::Ceil, RoundingMode::Trunc})
    {
        std::string name = roundingName(mode);
        registry.add({name, [mode] { return std::make_shared<FunctionRounding>(mode); },
                      "Rounds a number (" + name + ") to N decimal places (default 0; negative N rounds to tens, hundreds, ...)",
                      "SELECT " + name + "(3.14159, 2)", true, ""});
    }
    registry.addAlias("truncate", "trunc", true);
    registry.addAlias("ceiling", "ceil", true);
    registry.add({"greatest", [] { return std::make_shared<FunctionGreatest>(true); }, "The largest of the arguments",
                  "SELECT greatest(1, 2.5, -1)", true, ""});
    registry.add({"least", [] { return std::make_shared<FunctionGreatest>(false); }, "The smallest of the arguments",
                  "SELECT least(1, 2.5, -1)", true, ""});
}

} // namespace pipit
