#include "engine/functions/FunctionDateArithmetic.h"

#include "engine/base/TimeZone.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionRegistry.h"

#include <algorithm>

namespace pipit
{

namespace
{

Int64 monthsOf(DataTypeInterval::Kind kind)
{
    switch (kind)
    {
    case DataTypeInterval::Kind::Month:
        return 1;
    case DataTypeInterval::Kind::Quarter:
        return 3;
    case DataTypeInterval::Kind::Year:
        return 12;
    default:
        return 0;
    }
}

Int64 powerOf10(UInt32 scale)
{
    Int64 r = 1;
    for (UInt32 i = 0; i < scale; ++i)
        r *= 10;
    return r;
}

/// Instant t (seconds) plus n units.
Int64 addToSeconds(Int64 t, Int64 n, DataTypeInterval::Kind kind, const TimeZone & tz)
{
    using Kind = DataTypeInterval::Kind;
    switch (kind)
    {
    case Kind::Second:
        return t + n;
    case Kind::Minute:
        return t + n * 60;
    case Kind::Hour:
        return t + n * 3600;
    case Kind::Day:
    case Kind::Week:
    {
        Int64 days = kind == Kind::Week ? n * 7 : n;
        if (tz.isUTC())
            return t + days * 86400;
        return tz.fromLocalSeconds(tz.toLocalSeconds(t) + days * 86400);
    }
    default:
    {
        Int64 local = tz.toLocalSeconds(t);
        Int64 day = TimeZone::floorDiv(local, 86400);
        Int64 second_of_day = local - day * 86400;
        return tz.fromLocalSeconds(addMonthsToDayNum(day, n * monthsOf(kind)) * 86400 + second_of_day);
    }
    }
}

Int64 addToDays(Int64 d, Int64 n, DataTypeInterval::Kind kind)
{
    using Kind = DataTypeInterval::Kind;
    switch (kind)
    {
    case Kind::Day:
        return d + n;
    case Kind::Week:
        return d + 7 * n;
    default:
        return addMonthsToDayNum(d, n * monthsOf(kind));
    }
}

template <typename T>
void readPhysical(const IColumn & column, PODArray<Int64> & out)
{
    const auto & data = assertColumnCast<ColumnVector<T>>(column).getData();
    out.resize(data.size());
    for (size_t i = 0; i < data.size(); ++i)
        out[i] = static_cast<Int64>(data[i]);
}

/// Int64 values of a number-backed column (non-constant).
PODArray<Int64> physicalValues(const IColumn & column, TypeIndex type)
{
    PODArray<Int64> out;
    dispatchPhysicalNumber(type, [&](auto tag) { readPhysical<typename decltype(tag)::Type>(column, out); });
    return out;
}

class FunctionAddUnits final : public IFunction
{
public:
    FunctionAddUnits(std::string name, DataTypeInterval::Kind kind, bool subtract)
        : name_(std::move(name))
        , kind_(kind)
        , subtract_(subtract)
    {
    }

    std::string getName() const override { return name_; }
    size_t getNumberOfArguments() const override { return 2; }
    bool hasInformationAboutMonotonicity() const override { return true; }
    FunctionMonotonicity getMonotonicityForRange(const IDataType &, const Field &, const Field &) const override
    {
        return {true, true, true};
    }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (!isDateOrDateTime(arguments[0].type->getTypeId()))
            throwIllegalType(arguments, 0, "must be a Date, Date32, DateTime or DateTime64");
        if (!isInteger(arguments[1].type->getTypeId()))
            throwIllegalType(arguments, 1, "must be an integer");
        return dateArithmeticResultType(arguments[0].type, kind_);
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        return executeDateArithmetic(arguments[0], arguments[1], kind_, subtract_, result_type, rows);
    }

private:
    std::string name_;
    DataTypeInterval::Kind kind_;
    bool subtract_;
};

class FunctionToInterval final : public IFunction
{
public:
    explicit FunctionToInterval(DataTypeInterval::Kind kind)
        : kind_(kind)
    {
    }
    std::string getName() const override { return std::string("toInterval") + DataTypeInterval::kindName(kind_); }
    size_t getNumberOfArguments() const override { return 1; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        auto t = arguments[0].type->getTypeId();
        if (!isNativeNumber(t) && !isStringOrFixedString(t))
            throwIllegalType(arguments, 0);
        return std::make_shared<DataTypeInterval>(kind_);
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t) const override
    {
        return castColumn(arguments[0], typeInt64());
    }

private:
    DataTypeInterval::Kind kind_;
};

} // namespace

Int64 addMonthsToDayNum(Int64 days, Int64 months)
{
    days = std::clamp<Int64>(days, -(Int64(1) << 30), Int64(1) << 30);
    months = std::clamp<Int64>(months, -(Int64(1) << 30), Int64(1) << 30);
    CivilDate c = TimeZone::civilFromDays(static_cast<Int32>(days));
    Int64 total = Int64(c.year) * 12 + (c.month - 1) + months;
    Int32 year = static_cast<Int32>(TimeZone::floorDiv(total, 12));
    Int32 month = static_cast<Int32>(TimeZone::floorMod(total, 12)) + 1;
    Int32 day = std::min<Int32>(c.day, TimeZone::daysInMonth(year, month));
    return TimeZone::daysFromCivil(year, month, day);
}

DataTypePtr dateArithmeticResultType(const DataTypePtr & date_type, DataTypeInterval::Kind kind)
{
    auto t = date_type->getTypeId();
    if (UInt32 unit_scale = DataTypeInterval::subsecondScale(kind))
        return typeDateTime64(std::max(unit_scale, scaleOf(*date_type)), timeZoneNameOf(*date_type));
    if (isDateOrDate32(t) && DataTypeInterval::fixedSeconds(kind) != 0 && DataTypeInterval::fixedSeconds(kind) < 86400)
        return typeDateTime();
    return date_type;
}

ColumnPtr executeDateArithmetic(const ColumnWithTypeAndName & date_arg, const ColumnWithTypeAndName & delta_arg,
                                DataTypeInterval::Kind kind, bool subtract, const DataTypePtr & result_type, size_t rows)
{
    auto from = date_arg.type->getTypeId();
    auto to = result_type->getTypeId();
    const TimeZone & tz = timeZoneOf(*result_type);

    auto date_full = convertToFullColumnIfConst(date_arg.column);
    PODArray<Int64> values = physicalValues(*date_full, from);
    auto delta_column = castColumn({delta_arg.column, delta_arg.type, ""}, typeInt64());
    NumericArgument<Int64> delta(*delta_column);

    PODArray<Int64> result(rows);
    bool from_date = isDateOrDate32(from);
    if (UInt32 unit_scale = DataTypeInterval::subsecondScale(kind))
    {
        /// Ticks of the result's scale (at least the unit's) plus or minus n units.
        const UInt32 result_scale = scaleOf(*result_type);
        const Int64 unit = powerOf10(result_scale - unit_scale);
        const Int64 to_result = powerOf10(result_scale - (from == TypeIndex::DateTime64 ? scaleOf(*date_arg.type) : 0));
        for (size_t i = 0; i < rows; ++i)
        {
            Int64 n = delta[i];
            Int64 ticks = 0;
            Int64 offset = 0;
            /// Beyond the range of DateTime64 ticks: reject instead of overflowing.
            if (__builtin_mul_overflow(from_date ? tz.fromDayNum(static_cast<Int32>(values[i])) : values[i], to_result, &ticks) ||
                __builtin_mul_overflow(n, unit, &offset) ||
                (subtract ? __builtin_sub_overflow(ticks, offset, &result[i]) : __builtin_add_overflow(ticks, offset, &result[i])))
                throw Exception(ErrorCode::ARGUMENT_OUT_OF_BOUND,
                                "Interval of " + std::to_string(n) + " units is out of range for date arithmetic");
        }
    }
    else
    {
        Int64 fixed = DataTypeInterval::fixedSeconds(kind);
        for (size_t i = 0; i < rows; ++i)
        {
            Int64 n = delta[i];
            /// Beyond any representable date: reject instead of overflowing.
            if (n > (Int64(1) << 40) || n < -(Int64(1) << 40))
                throw Exception(ErrorCode::ARGUMENT_OUT_OF_BOUND,
                                "Interval of " + std::to_string(n) + " units is out of range for date arithmetic");
            if (subtract)
                n = -n;
            if (from_date && (to == TypeIndex::Date || to == TypeIndex::Date32))
                result[i] = addToDays(values[i], n, kind);
            else if (from_date)
                result[i] = tz.fromDayNum(static_cast<Int32>(values[i])) + n * fixed;
            else if (from == TypeIndex::DateTime64)
            {
                Int64 multiplier = powerOf10(scaleOf(*date_arg.type));
                Int64 seconds = TimeZone::floorDiv(values[i], multiplier);
                Int64 fraction = values[i] - seconds * multiplier;
                result[i] = addToSeconds(seconds, n, kind, tz) * multiplier + fraction;
            }
            else
                result[i] = addToSeconds(values[i], n, kind, tz);
        }
    }

    ColumnPtr res;
    dispatchPhysicalNumber(to,
                           [&](auto tag)
                           {
                               using T = typename decltype(tag)::Type;
                               auto column = ColumnVector<T>::create(rows);
                               for (size_t i = 0; i < rows; ++i)
                                   column->getData()[i] = static_cast<T>(result[i]);
                               res = column;
                           });
    return res;
}

void registerFunctionsDateArithmetic(FunctionRegistry & registry)
{
    using Kind = DataTypeInterval::Kind;
    for (Kind kind : {Kind::Nanosecond, Kind::Microsecond, Kind::Millisecond, Kind::Second, Kind::Minute, Kind::Hour, Kind::Day, Kind::Week,
                      Kind::Month, Kind::Quarter, Kind::Year})
    {
        std::string unit = DataTypeInterval::kindName(kind);
        std::string to_interval = "toInterval" + unit;
        registry.add({to_interval, [kind] { return std::make_shared<FunctionToInterval>(kind); },
                      "An interval of n " + unit + "s, the value of INTERVAL n " + unit, "SELECT now() + " + to_interval + "(1)", false,
                      ""});
        std::string add = "add" + unit + "s";
        std::string subtract = "subtract" + unit + "s";
        registry.add({add, [add, kind] { return std::make_shared<FunctionAddUnits>(add, kind, false); },
                      "Adds n " + unit + "s to a date or date-time", "SELECT " + add + "(toDate('2024-01-31'), 1)", false, ""});
        registry.add({subtract, [subtract, kind] { return std::make_shared<FunctionAddUnits>(subtract, kind, true); },
                      "Subtracts n " + unit + "s from a date or date-time", "SELECT " + subtract + "(toDate('2024-03-31'), 1)", false, ""});
    }
}

} // namespace pipit
