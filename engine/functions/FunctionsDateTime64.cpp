#include "engine/base/TimeZone.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionRegistry.h"

#include <chrono>

/// Sub-second date-time functions over DateTime64 ticks: toStartOfSecond/Millisecond/Microsecond/Nanosecond,
/// toMillisecond, toUnixTimestamp64Milli/Micro/Nano, now64; and fromUnixTimestamp (FROM_UNIXTIME).

namespace pipit
{

namespace
{

Int64 powerOf10(UInt32 scale)
{
    Int64 r = 1;
    for (UInt32 i = 0; i < scale; ++i)
        r *= 10;
    return r;
}

/// Ticks of a DateTime64 column (or seconds of a DateTime column), constant or not.
PODArray<Int64> ticksOf(const ColumnWithTypeAndName & arg)
{
    auto column = convertToFullColumnIfConst(arg.column);
    PODArray<Int64> out(column->size());
    if (arg.type->getTypeId() == TypeIndex::DateTime64)
    {
        const auto & data = assertColumnCast<ColumnInt64>(*column).getData();
        for (size_t i = 0; i < data.size(); ++i)
            out[i] = data[i];
    }
    else
    {
        const auto & data = assertColumnCast<ColumnUInt32>(*column).getData();
        for (size_t i = 0; i < data.size(); ++i)
            out[i] = data[i];
    }
    return out;
}

std::string constTimeZoneArgument(const ColumnsWithTypeAndName & arguments, size_t i, const std::string & function)
{
    if (arguments.size() <= i)
        return "";
    if (!arguments[i].column || !arguments[i].column->isConst() || arguments[i].type->getTypeId() != TypeIndex::String)
        throwIllegalTypeOfArgument(function, arguments[i].type, i, "time zone must be a constant String");
    std::string tz(arguments[i].column->getDataAt(0));
    TimeZone::get(tz);
    return tz;
}

/// toStartOfSecond/Millisecond/Microsecond/Nanosecond(DateTime64[, tz]): ticks rounded down to the unit, same type.
class FunctionToStartOfSubsecond final : public IFunction
{
public:
    FunctionToStartOfSubsecond(std::string name, UInt32 unit_scale)
        : name_(std::move(name))
        , unit_scale_(unit_scale)
    {
    }
    std::string getName() const override { return name_; }
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
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Number of arguments for function " + name_ +
                                                                             " doesn't match: passed " + std::to_string(arguments.size()) +
                                                                             ", should be 1 or 2");
        if (arguments[0].type->getTypeId() != TypeIndex::DateTime64)
            throwIllegalType(arguments, 0, "must be DateTime64");
        std::string tz = constTimeZoneArgument(arguments, 1, name_);
        return typeDateTime64(scaleOf(*arguments[0].type), tz.empty() ? timeZoneNameOf(*arguments[0].type) : tz);
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        UInt32 scale = scaleOf(*arguments[0].type);
        auto ticks = ticksOf(arguments[0]);
        auto res = ColumnInt64::create(rows);
        Int64 divisor = scale > unit_scale_ ? powerOf10(scale - unit_scale_) : 1;
        for (size_t i = 0; i < rows; ++i)
            res->getData()[i] = TimeZone::floorDiv(ticks[i], divisor) * divisor;
        return res;
    }

private:
    std::string name_;
    UInt32 unit_scale_;
};

/// toMillisecond(DateTime | DateTime64): the millisecond component (0-999).
class FunctionToMillisecond final : public IFunction
{
public:
    std::string getName() const override { return "toMillisecond"; }
    bool isVariadic() const override { return true; }
    std::vector<size_t> getArgumentsThatAreAlwaysConstant() const override { return {1}; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.empty() || arguments.size() > 2)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                            "Number of arguments for function toMillisecond doesn't match: passed " + std::to_string(arguments.size()) +
                                ", should be 1 or 2");
        if (!isDateTimeOrDateTime64(arguments[0].type->getTypeId()))
            throwIllegalType(arguments, 0, "must be DateTime or DateTime64");
        constTimeZoneArgument(arguments, 1, getName());
        return typeUInt16();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        auto res = ColumnUInt16::create(rows);
        if (arguments[0].type->getTypeId() != TypeIndex::DateTime64)
            return res;
        UInt32 scale = scaleOf(*arguments[0].type);
        Int64 multiplier = powerOf10(scale);
        auto ticks = ticksOf(arguments[0]);
        for (size_t i = 0; i < rows; ++i)
        {
            Int64 fraction = TimeZone::floorMod(ticks[i], multiplier);
            res->getData()[i] = static_cast<UInt16>(scale >= 3 ? fraction / powerOf10(scale - 3) : fraction * powerOf10(3 - scale));
        }
        return res;
    }
};

/// toUnixTimestamp64Milli/Micro/Nano(DateTime64 | DateTime): Int64 count of units since the epoch (truncated toward
/// zero when the value has more digits, as ClickHouse).
class FunctionToUnixTimestamp64 final : public IFunction
{
public:
    FunctionToUnixTimestamp64(std::string name, UInt32 target_scale)
        : name_(std::move(name))
        , target_scale_(target_scale)
    {
    }
    std::string getName() const override { return name_; }
    size_t getNumberOfArguments() const override { return 1; }
    bool hasInformationAboutMonotonicity() const override { return true; }
    FunctionMonotonicity getMonotonicityForRange(const IDataType &, const Field &, const Field &) const override
    {
        return {true, true, true};
    }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (!isDateTimeOrDateTime64(arguments[0].type->getTypeId()))
            throwIllegalType(arguments, 0, "must be DateTime64 or DateTime");
        return typeInt64();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        UInt32 scale = scaleOf(*arguments[0].type);
        auto ticks = ticksOf(arguments[0]);
        auto res = ColumnInt64::create(rows);
        auto & out = res->getData();
        if (scale > target_scale_)
        {
            Int64 divisor = powerOf10(scale - target_scale_);
            for (size_t i = 0; i < rows; ++i)
                out[i] = ticks[i] / divisor;
        }
        else
        {
            Int64 multiplier = powerOf10(target_scale_ - scale);
            for (size_t i = 0; i < rows; ++i)
                if (__builtin_mul_overflow(ticks[i], multiplier, &out[i]))
                    throw Exception(ErrorCode::DECIMAL_OVERFLOW, "Value is out of range of Int64 in function " + name_);
        }
        return res;
    }

private:
    std::string name_;
    UInt32 target_scale_;
};

/// now64([scale[, tz]]): the current time as DateTime64(scale), scale 3 by default (constant within a query).
class FunctionNow64 final : public IFunction
{
public:
    std::string getName() const override { return "now64"; }
    bool isVariadic() const override { return true; }
    bool isDeterministic() const override { return false; }
    std::vector<size_t> getArgumentsThatAreAlwaysConstant() const override { return {0, 1}; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.size() > 2)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                            "Number of arguments for function now64 doesn't match: passed " + std::to_string(arguments.size()) +
                                ", should be 0, 1 or 2");
        UInt64 scale = 3;
        if (!arguments.empty())
        {
            if (!isInteger(arguments[0].type->getTypeId()) || !arguments[0].column || !arguments[0].column->isConst())
                throwIllegalType(arguments, 0, "the scale must be a constant integer");
            scale = (*arguments[0].column)[0].toUInt64();
            if (scale > 9)
                throw Exception(ErrorCode::ARGUMENT_OUT_OF_BOUND, "Scale " + std::to_string(scale) + " is out of bounds (max 9)");
        }
        return typeDateTime64(static_cast<UInt32>(scale), constTimeZoneArgument(arguments, 1, getName()));
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName &, const DataTypePtr & result_type, size_t rows) const override
    {
        Int64 nanoseconds =
            std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
        Int64 ticks = nanoseconds / powerOf10(9 - scaleOf(*result_type));
        return createConstColumn(result_type, Field(ticks), rows);
    }
};

/// fromUnixTimestamp(n) is toDateTime(n); fromUnixTimestamp(t, format[, tz]) is formatDateTime (MySQL's FROM_UNIXTIME),
/// with an integer `t` read as seconds since the epoch.
class FunctionFromUnixTimestamp final : public IFunction
{
public:
    std::string getName() const override { return "fromUnixTimestamp"; }
    bool isVariadic() const override { return true; }
    std::vector<size_t> getArgumentsThatAreAlwaysConstant() const override { return {1, 2}; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.empty() || arguments.size() > 3)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                            "Number of arguments for function fromUnixTimestamp doesn't match: passed " + std::to_string(arguments.size()) +
                                ", should be 1, 2 or 3");
        auto id = arguments[0].type->getTypeId();
        if (arguments.size() == 1)
        {
            if (!isInteger(id))
                throwIllegalType(arguments, 0, "must be an integer");
            return typeDateTime();
        }
        if (!isInteger(id) && !isDateOrDateTime(id))
            throwIllegalType(arguments, 0, "must be an integer, Date or DateTime");
        return FunctionRegistry::instance().get("formatDateTime")->getReturnType(formatArguments(arguments));
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        if (result_type->getTypeId() == TypeIndex::DateTime)
            return castColumn(arguments[0], result_type);
        auto format = FunctionRegistry::instance().get("formatDateTime");
        auto format_arguments = formatArguments(arguments);
        return format->execute(format_arguments, format->getReturnType(format_arguments), rows);
    }

private:
    static ColumnsWithTypeAndName formatArguments(const ColumnsWithTypeAndName & arguments)
    {
        ColumnsWithTypeAndName res = arguments;
        if (isInteger(arguments[0].type->getTypeId()))
        {
            auto type = typeDateTime();
            res[0] = {arguments[0].column ? castColumn(arguments[0], type) : nullptr, type, arguments[0].name};
        }
        return res;
    }
};

} // namespace

void registerFunctionsDateTime64(FunctionRegistry & registry)
{
    const std::pair<const char *, UInt32> starts[] = {
        {"toStartOfSecond", 0}, {"toStartOfMillisecond", 3}, {"toStartOfMicrosecond", 6}, {"toStartOfNanosecond", 9}};
    for (const auto & [name_literal, scale] : starts)
    {
        std::string name = name_literal;
        UInt32 s = scale;
        registry.add({name, [name, s] { return std::make_shared<FunctionToStartOfSubsecond>(name, s); },
                      "A DateTime64 rounded down to the start of its " + name.substr(9), "SELECT " + name + "(now64(9))", false, ""});
    }
    const std::pair<const char *, UInt32> timestamps[] = {
        {"toUnixTimestamp64Second", 0}, {"toUnixTimestamp64Milli", 3}, {"toUnixTimestamp64Micro", 6}, {"toUnixTimestamp64Nano", 9}};
    for (const auto & [name_literal, scale] : timestamps)
    {
        std::string name = name_literal;
        UInt32 s = scale;
        registry.add({name, [name, s] { return std::make_shared<FunctionToUnixTimestamp64>(name, s); },
                      "Int64 count of units since the Unix epoch of a DateTime64", "SELECT " + name + "(now64(9))", false, ""});
    }
    registry.add({"toMillisecond", [] { return std::make_shared<FunctionToMillisecond>(); },
                  "Millisecond component (0-999) of a DateTime64", "SELECT toMillisecond(toDateTime64('2024-01-01 00:00:00.456', 3))",
                  false, ""});
    registry.add({"now64", [] { return std::make_shared<FunctionNow64>(); },
                  "Current date-time as DateTime64(scale) (scale 3 by default, constant within a query)", "SELECT now64(6)", false, ""});
    registry.add({"fromUnixTimestamp", [] { return std::make_shared<FunctionFromUnixTimestamp>(); },
                  "DateTime of seconds since the Unix epoch; with a format string, formats it like formatDateTime",
                  "SELECT fromUnixTimestamp(1709251200), fromUnixTimestamp(1709251200, '%Y-%m-%d')", false, ""});
    registry.addAlias("FROM_UNIXTIME", "fromUnixTimestamp", true);
}

} // namespace pipit
