#include "engine/base/TimeZone.h"
#include "engine/functions/DataTypeInterval.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionRegistry.h"

#include <chrono>

#include <algorithm>

namespace pipit
{

namespace
{

enum class ResultKind
{
    Number, /// Transform::Result
    Date,   /// day number (UInt16)
    DateTime,
};

/// Each transform maps a day number (Date inputs) or an instant in a zone (DateTime inputs).
/// `Parent` names the transform whose equality on both ends of a range makes this one monotonic
/// on it (void: always monotonic).
struct ToYearImpl
{
    static constexpr const char * name = "toYear";
    static constexpr const char * description = "Year of a date or date-time";
    static constexpr ResultKind kind = ResultKind::Number;
    static constexpr bool needs_time = false;
    using Result = UInt16;
    using Parent = void;
    static Int64 day(Int32 d) { return TimeZone::civilFromDays(d).year; }
    static Int64 time(Int64 t, const TimeZone & tz) { return day(tz.toDayNum(t)); }
};
struct ToStartOfYearImpl
{
    static constexpr const char * name = "toStartOfYear";
    static constexpr const char * description = "First day of the year of a date or date-time";
    static constexpr ResultKind kind = ResultKind::Date;
    static constexpr bool needs_time = false;
    using Result = UInt16;
    using Parent = void;
    static Int64 day(Int32 d) { return TimeZone::toStartOfYear(d); }
    static Int64 time(Int64 t, const TimeZone & tz) { return day(tz.toDayNum(t)); }
};
struct ToQuarterImpl
{
    static constexpr const char * name = "toQuarter";
    static constexpr const char * description = "Quarter (1-4) of a date or date-time";
    static constexpr ResultKind kind = ResultKind::Number;
    static constexpr bool needs_time = false;
    using Result = UInt8;
    using Parent = ToStartOfYearImpl;
    static Int64 day(Int32 d) { return (TimeZone::civilFromDays(d).month + 2) / 3; }
    static Int64 time(Int64 t, const TimeZone & tz) { return day(tz.toDayNum(t)); }
};
struct ToMonthImpl
{
    static constexpr const char * name = "toMonth";
    static constexpr const char * description = "Month (1-12) of a date or date-time";
    static constexpr ResultKind kind = ResultKind::Number;
    static constexpr bool needs_time = false;
    using Result = UInt8;
    using Parent = ToStartOfYearImpl;
    static Int64 day(Int32 d) { return TimeZone::civilFromDays(d).month; }
    static Int64 time(Int64 t, const TimeZone & tz) { return day(tz.toDayNum(t)); }
};
struct ToStartOfMonthImpl
{
    static constexpr const char * name = "toStartOfMonth";
    static constexpr const char * description = "First day of the month of a date or date-time";
    static constexpr ResultKind kind = ResultKind::Date;
    static constexpr bool needs_time = false;
    using Result = UInt16;
    using Parent = void;
    static Int64 day(Int32 d) { return TimeZone::toStartOfMonth(d); }
    static Int64 time(Int64 t, const TimeZone & tz) { return day(tz.toDayNum(t)); }
};
struct ToStartOfQuarterImpl
{
    static constexpr const char * name = "toStartOfQuarter";
    static constexpr const char * description = "First day of the quarter of a date or date-time";
    static constexpr ResultKind kind = ResultKind::Date;
    static constexpr bool needs_time = false;
    using Result = UInt16;
    using Parent = void;
    static Int64 day(Int32 d) { return TimeZone::toStartOfQuarter(d); }
    static Int64 time(Int64 t, const TimeZone & tz) { return day(tz.toDayNum(t)); }
};
struct ToDayOfMonthImpl
{
    static constexpr const char * name = "toDayOfMonth";
    static constexpr const char * description = "Day of the month (1-31)";
    static constexpr ResultKind kind = ResultKind::Number;
    static constexpr bool needs_time = false;
    using Result = UInt8;
    using Parent = ToStartOfMonthImpl;
    static Int64 day(Int32 d) { return TimeZone::civilFromDays(d).day; }
    static Int64 time(Int64 t, const TimeZone & tz) { return day(tz.toDayNum(t)); }
};
struct ToMondayImpl
{
    static constexpr const char * name = "toMonday";
    static constexpr const char * description = "The Monday on or before a date or date-time";
    static constexpr ResultKind kind = ResultKind::Date;
    static constexpr bool needs_time = false;
    using Result = UInt16;
    using Parent = void;
    static Int64 day(Int32 d) { return TimeZone::toMonday(d); }
    static Int64 time(Int64 t, const TimeZone & tz) { return day(tz.toDayNum(t)); }
};
struct ToDayOfYearImpl
{
    static constexpr const char * name = "toDayOfYear";
    static constexpr const char * description = "Day of the year (1-366)";
    static constexpr ResultKind kind = ResultKind::Number;
    static constexpr bool needs_time = false;
    using Result = UInt16;
    using Parent = ToStartOfYearImpl;
    static Int64 day(Int32 d) { return d - TimeZone::toStartOfYear(d) + 1; }
    static Int64 time(Int64 t, const TimeZone & tz) { return day(tz.toDayNum(t)); }
};
struct ToYYYYMMImpl
{
    static constexpr const char * name = "toYYYYMM";
    static constexpr const char * description = "Year and month as the number YYYYMM";
    static constexpr ResultKind kind = ResultKind::Number;
    static constexpr bool needs_time = false;
    using Result = UInt32;
    using Parent = void;
    static Int64 day(Int32 d)
    {
        auto c = TimeZone::civilFromDays(d);
        return Int64(c.year) * 100 + c.month;
    }
    static Int64 time(Int64 t, const TimeZone & tz) { return day(tz.toDayNum(t)); }
};
struct ToYYYYMMDDImpl
{
    static constexpr const char * name = "toYYYYMMDD";
    static constexpr const char * description = "Date as the number YYYYMMDD";
    static constexpr ResultKind kind = ResultKind::Number;
    static constexpr bool needs_time = false;
    using Result = UInt32;
    using Parent = void;
    static Int64 day(Int32 d)
    {
        auto c = TimeZone::civilFromDays(d);
        return Int64(c.year) * 10000 + c.month * 100 + c.day;
    }
    static Int64 time(Int64 t, const TimeZone & tz) { return day(tz.toDayNum(t)); }
};
struct ToStartOfDayImpl
{
    static constexpr const char * name = "toStartOfDay";
    static constexpr const char * description = "Midnight starting the day of a date or date-time";
    static constexpr ResultKind kind = ResultKind::DateTime;
    static constexpr bool needs_time = false;
    using Result = UInt32;
    using Parent = void;
    static Int64 day(Int32 d) { return TimeZone::utc().fromDayNum(d); }
    static Int64 time(Int64 t, const TimeZone & tz) { return tz.toStartOfDay(t); }
};
struct ToHourImpl
{
    static constexpr const char * name = "toHour";
    static constexpr const char * description = "Hour (0-23) of a date-time";
    static constexpr ResultKind kind = ResultKind::Number;
    static constexpr bool needs_time = true;
    using Result = UInt8;
    using Parent = ToStartOfDayImpl;
    static Int64 day(Int32) { return 0; }
    static Int64 time(Int64 t, const TimeZone & tz) { return tz.toSecondOfDay(t) / 3600; }
};
struct ToStartOfHourImpl
{
    static constexpr const char * name = "toStartOfHour";
    static constexpr const char * description = "Start of the hour of a date-time";
    static constexpr ResultKind kind = ResultKind::DateTime;
    static constexpr bool needs_time = true;
    using Result = UInt32;
    using Parent = void;
    static Int64 day(Int32 d) { return TimeZone::utc().fromDayNum(d); }
    static Int64 time(Int64 t, const TimeZone & tz) { return tz.toStartOfHour(t); }
};
struct ToMinuteImpl
{
    static constexpr const char * name = "toMinute";
    static constexpr const char * description = "Minute (0-59) of a date-time";
    static constexpr ResultKind kind = ResultKind::Number;
    static constexpr bool needs_time = true;
    using Result = UInt8;
    using Parent = ToStartOfHourImpl;
    static Int64 day(Int32) { return 0; }
    static Int64 time(Int64 t, const TimeZone & tz) { return (tz.toSecondOfDay(t) / 60) % 60; }
};
struct ToStartOfMinuteImpl
{
    static constexpr const char * name = "toStartOfMinute";
    static constexpr const char * description = "Start of the minute of a date-time";
    static constexpr ResultKind kind = ResultKind::DateTime;
    static constexpr bool needs_time = true;
    using Result = UInt32;
    using Parent = void;
    static Int64 day(Int32 d) { return TimeZone::utc().fromDayNum(d); }
    static Int64 time(Int64 t, const TimeZone & tz) { return tz.toStartOfMinute(t); }
};
struct ToSecondImpl
{
    static constexpr const char * name = "toSecond";
    static constexpr const char * description = "Second (0-59) of a date-time";
    static constexpr ResultKind kind = ResultKind::Number;
    static constexpr bool needs_time = true;
    using Result = UInt8;
    using Parent = ToStartOfMinuteImpl;
    static Int64 day(Int32) { return 0; }
    static Int64 time(Int64 t, const TimeZone & tz) { return tz.toSecondOfDay(t) % 60; }
};
struct ToStartOfFiveMinutesImpl
{
    static constexpr const char * name = "toStartOfFiveMinutes";
    static constexpr const char * description = "Start of the five-minute interval of a date-time";
    static constexpr ResultKind kind = ResultKind::DateTime;
    static constexpr bool needs_time = true;
    using Result = UInt32;
    using Parent = void;
    static Int64 day(Int32 d) { return TimeZone::utc().fromDayNum(d); }
    static Int64 time(Int64 t, const TimeZone & tz) { return tz.toStartOfInterval(t, 300); }
};
struct ToStartOfTenMinutesImpl
{
    static constexpr const char * name = "toStartOfTenMinutes";
    static constexpr const char * description = "Start of the ten-minute interval of a date-time";
    static constexpr ResultKind kind = ResultKind::DateTime;
    static constexpr bool needs_time = true;
    using Result = UInt32;
    using Parent = void;
    static Int64 day(Int32 d) { return TimeZone::utc().fromDayNum(d); }
    static Int64 time(Int64 t, const TimeZone & tz) { return tz.toStartOfInterval(t, 600); }
};
struct ToStartOfFifteenMinutesImpl
{
    static constexpr const char * name = "toStartOfFifteenMinutes";
    static constexpr const char * description = "Start of the fifteen-minute interval of a date-time";
    static constexpr ResultKind kind = ResultKind::DateTime;
    static constexpr bool needs_time = true;
    using Result = UInt32;
    using Parent = void;
    static Int64 day(Int32 d) { return TimeZone::utc().fromDayNum(d); }
    static Int64 time(Int64 t, const TimeZone & tz) { return tz.toStartOfInterval(t, 900); }
};

struct ToYYYYMMDDhhmmssImpl
{
    static constexpr const char * name = "toYYYYMMDDhhmmss";
    static constexpr const char * description = "Date and time as the number YYYYMMDDhhmmss";
    static constexpr ResultKind kind = ResultKind::Number;
    static constexpr bool needs_time = false;
    using Result = UInt64;
    using Parent = void;
    static Int64 day(Int32 d) { return ToYYYYMMDDImpl::day(d) * 1000000; }
    static Int64 time(Int64 t, const TimeZone & tz)
    {
        Int64 second_of_day = tz.toSecondOfDay(t);
        return ToYYYYMMDDImpl::day(tz.toDayNum(t)) * 1000000 + second_of_day / 3600 * 10000 + second_of_day / 60 % 60 * 100 +
            second_of_day % 60;
    }
};
/// ISO 8601 weeks: weeks start on Monday; week 1 of a year is the one containing its first Thursday.
struct ToISOYearImpl
{
    static constexpr const char * name = "toISOYear";
    static constexpr const char * description = "ISO 8601 week-numbering year of a date or date-time";
    static constexpr ResultKind kind = ResultKind::Number;
    static constexpr bool needs_time = false;
    using Result = UInt16;
    using Parent = void;
    static Int64 day(Int32 d) { return TimeZone::civilFromDays(static_cast<Int32>(TimeZone::toMonday(d) + 3)).year; }
    static Int64 time(Int64 t, const TimeZone & tz) { return day(tz.toDayNum(t)); }
};
struct ToStartOfISOYearImpl
{
    static constexpr const char * name = "toStartOfISOYear";
    static constexpr const char * description = "First day (a Monday) of the ISO 8601 year of a date or date-time";
    static constexpr ResultKind kind = ResultKind::Date;
    static constexpr bool needs_time = false;
    using Result = UInt16;
    using Parent = void;
    static Int64 day(Int32 d)
    {
        return TimeZone::toMonday(TimeZone::daysFromCivil(static_cast<Int32>(ToISOYearImpl::day(d)), 1, 4));
    }
    static Int64 time(Int64 t, const TimeZone & tz) { return day(tz.toDayNum(t)); }
};
struct ToISOWeekImpl
{
    static constexpr const char * name = "toISOWeek";
    static constexpr const char * description = "ISO 8601 week number (1-53) of a date or date-time";
    static constexpr ResultKind kind = ResultKind::Number;
    static constexpr bool needs_time = false;
    using Result = UInt8;
    using Parent = ToStartOfISOYearImpl;
    static Int64 day(Int32 d) { return (TimeZone::toMonday(d) - ToStartOfISOYearImpl::day(d)) / 7 + 1; }
    static Int64 time(Int64 t, const TimeZone & tz) { return day(tz.toDayNum(t)); }
};
struct ToLastDayOfMonthImpl
{
    static constexpr const char * name = "toLastDayOfMonth";
    static constexpr const char * description = "Last day of the month of a date or date-time";
    static constexpr ResultKind kind = ResultKind::Date;
    static constexpr bool needs_time = false;
    using Result = UInt16;
    using Parent = void;
    static Int64 day(Int32 d)
    {
        auto c = TimeZone::civilFromDays(d);
        return TimeZone::daysFromCivil(c.year, c.month, TimeZone::daysInMonth(c.year, c.month));
    }
    static Int64 time(Int64 t, const TimeZone & tz) { return day(tz.toDayNum(t)); }
};

Int64 powerOf10(UInt32 scale)
{
    Int64 r = 1;
    for (UInt32 i = 0; i < scale; ++i)
        r *= 10;
    return r;
}

std::string optionalTimeZone(const ColumnsWithTypeAndName & arguments, size_t i, const std::string & function)
{
    if (arguments.size() <= i)
        return "";
    if (!arguments[i].column || !arguments[i].column->isConst() || arguments[i].type->getTypeId() != TypeIndex::String)
        throwIllegalTypeOfArgument(function, arguments[i].type, i, "time zone must be a constant String");
    return std::string(arguments[i].column->getDataAt(0));
}

/// Int64 values of a Date/Date32/DateTime/DateTime64 column; DateTime64 in whole seconds.
PODArray<Int64> timeValues(const ColumnWithTypeAndName & arg)
{
    auto column = convertToFullColumnIfConst(arg.column);
    PODArray<Int64> out(column->size());
    auto type = arg.type->getTypeId();
    Int64 divisor = type == TypeIndex::DateTime64 ? powerOf10(scaleOf(*arg.type)) : 1;
    dispatchPhysicalNumber(type,
                           [&](auto tag)
                           {
                               using T = typename decltype(tag)::Type;
                               const auto & data = assertColumnCast<ColumnVector<T>>(*column).getData();
                               for (size_t i = 0; i < data.size(); ++i)
                                   out[i] = divisor == 1 ? static_cast<Int64>(data[i])
                                                         : TimeZone::floorDiv(static_cast<Int64>(data[i]), divisor);
                           });
    return out;
}

template <typename Transform>
class FunctionDateTransform final : public IFunction
{
public:
    std::string getName() const override { return Transform::name; }
    bool isVariadic() const override { return true; }
    std::vector<size_t> getArgumentsThatAreAlwaysConstant() const override { return {1}; }
    bool hasInformationAboutMonotonicity() const override { return true; }

    FunctionMonotonicity getMonotonicityForRange(const IDataType & type, const Field & left, const Field & right) const override
    {
        if constexpr (std::is_same_v<typename Transform::Parent, void>)
            return {true, true, true};
        else
        {
            if (left.isNull() || right.isNull())
                return {};
            auto id = type.getTypeId();
            const TimeZone & tz = time_zone_ ? *time_zone_ : timeZoneOf(type);
            auto parent = [&](const Field & f) -> Int64
            {
                Int64 v = f.toInt64();
                if (id == TypeIndex::DateTime64)
                    v = TimeZone::floorDiv(v, powerOf10(scaleOf(type)));
                return isDateOrDate32(id) ? Transform::Parent::day(static_cast<Int32>(v)) : Transform::Parent::time(v, tz);
            };
            if (parent(left) == parent(right))
                return {true, true, false};
            return {};
        }
    }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.empty() || arguments.size() > 2)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Number of arguments for function " + getName() +
                                                                             " doesn't match: passed " + std::to_string(arguments.size()) +
                                                                             ", should be 1 or 2");
        auto id = arguments[0].type->getTypeId();
        if (!isDateOrDateTime(id) || (Transform::needs_time && isDateOrDate32(id)))
            throwIllegalType(arguments, 0,
                             Transform::needs_time ? "must be DateTime or DateTime64" : "must be Date, Date32, DateTime or DateTime64");
        std::string tz = optionalTimeZone(arguments, 1, getName());
        if (tz.empty())
            tz = timeZoneNameOf(*arguments[0].type);
        time_zone_ = &(tz.empty() ? TimeZone::utc() : TimeZone::get(tz));
        switch (Transform::kind)
        {
        case ResultKind::Number:
            return numberType(false, false, sizeof(typename Transform::Result));
        case ResultKind::Date:
            return typeDate();
        case ResultKind::DateTime:
            return typeDateTime(tz);
        }
        return nullptr;
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        auto id = arguments[0].type->getTypeId();
        (void)result_type;
        std::string tz_name = optionalTimeZone(arguments, 1, getName());
        const TimeZone & tz = tz_name.empty() ? timeZoneOf(*arguments[0].type) : TimeZone::get(tz_name);
        auto values = timeValues(arguments[0]);
        using R = typename Transform::Result;
        auto res = ColumnVector<R>::create(rows);
        R * __restrict out = res->getData().data();
        if (isDateOrDate32(id))
        {
            for (size_t i = 0; i < rows; ++i)
                out[i] = static_cast<R>(Transform::day(static_cast<Int32>(values[i])));
        }
        else if (Transform::kind == ResultKind::Date)
        {
            for (size_t i = 0; i < rows; ++i)
                out[i] = static_cast<R>(std::clamp<Int64>(Transform::time(values[i], tz), 0, 65535));
        }
        else
        {
            for (size_t i = 0; i < rows; ++i)
                out[i] = static_cast<R>(Transform::time(values[i], tz));
        }
        return res;
    }

private:
    mutable const TimeZone * time_zone_ = nullptr;
};

/// toStartOfInterval(t, INTERVAL n unit[, tz]).
class FunctionToStartOfInterval final : public IFunction
{
public:
    std::string getName() const override { return "toStartOfInterval"; }
    bool isVariadic() const override { return true; }
    std::vector<size_t> getArgumentsThatAreAlwaysConstant() const override { return {1, 2}; }
    bool hasInformationAboutMonotonicity() const override { return true; }
    FunctionMonotonicity getMonotonicityForRange(const IDataType &, const Field &, const Field &) const override
    {
        return {true, true, true};
    }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.size() < 2 || arguments.size() > 3)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                            "Number of arguments for function toStartOfInterval doesn't match: passed " + std::to_string(arguments.size()) +
                                ", should be 2 or 3");
        if (!isDateOrDateTime(arguments[0].type->getTypeId()))
            throwIllegalType(arguments, 0, "must be a Date or DateTime");
        const auto * interval = dynamic_cast<const DataTypeInterval *>(arguments[1].type.get());
        if (!interval || !arguments[1].column || !arguments[1].column->isConst())
            throwIllegalType(arguments, 1, "must be a constant interval");
        Int64 n = (*arguments[1].column)[0].toInt64();
        if (n <= 0 || n > (Int64(1) << 30))
            throw Exception(ErrorCode::ARGUMENT_OUT_OF_BOUND,
                            "Value for second argument of function toStartOfInterval must be positive and not too large");
        kind_ = interval->getKind();
        std::string tz = optionalTimeZone(arguments, 2, getName());
        if (tz.empty())
            tz = timeZoneNameOf(*arguments[0].type);
        if (DataTypeInterval::subsecondScale(kind_))
        {
            if (arguments[0].type->getTypeId() != TypeIndex::DateTime64)
                throwIllegalType(arguments, 0, "must be DateTime64 for a sub-second interval");
            return typeDateTime64(scaleOf(*arguments[0].type), tz);
        }
        if (kind_ == DataTypeInterval::Kind::Week || kind_ == DataTypeInterval::Kind::Month || kind_ == DataTypeInterval::Kind::Quarter ||
            kind_ == DataTypeInterval::Kind::Year)
            return typeDate();
        return typeDateTime(tz);
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        using Kind = DataTypeInterval::Kind;
        Int64 n = (*arguments[1].column)[0].toInt64();
        if (UInt32 unit_scale = DataTypeInterval::subsecondScale(kind_))
        {
            /// Ticks rounded down to a multiple of n units (a unit finer than the scale counts as one tick).
            UInt32 scale = scaleOf(*arguments[0].type);
            Int64 step = n * (scale > unit_scale ? powerOf10(scale - unit_scale) : 1);
            auto column = convertToFullColumnIfConst(arguments[0].column);
            const auto & ticks = assertColumnCast<ColumnInt64>(*column).getData();
            auto res = ColumnInt64::create(rows);
            for (size_t i = 0; i < rows; ++i)
                res->getData()[i] = TimeZone::floorDiv(ticks[i], step) * step;
            return res;
        }
        auto values = timeValues(arguments[0]);
        bool from_date = isDateOrDate32(arguments[0].type->getTypeId());
        std::string tz_name = arguments.size() > 2 ? std::string(arguments[2].column->getDataAt(0)) : timeZoneNameOf(*arguments[0].type);
        const TimeZone & tz = tz_name.empty() ? TimeZone::utc() : TimeZone::get(tz_name);
        auto day_of = [&](Int64 v) -> Int64
        {
            return from_date ? v : tz.toDayNum(v);
        };
        if (result_type->getTypeId() == TypeIndex::Date)
        {
            auto res = ColumnUInt16::create(rows);
            for (size_t i = 0; i < rows; ++i)
            {
                Int64 d = day_of(values[i]);
                Int64 r = 0;
                switch (kind_)
                {
                case Kind::Week:
                    r = TimeZone::floorDiv(d + 3, 7 * n) * 7 * n - 3;
                    break;
                case Kind::Month:
                case Kind::Quarter:
                case Kind::Year:
                {
                    Int64 months_per = kind_ == Kind::Month ? n : kind_ == Kind::Quarter ? 3 * n : 12 * n;
                    auto c = TimeZone::civilFromDays(static_cast<Int32>(d));
                    Int64 m = Int64(c.year) * 12 + c.month - 1;
                    if (kind_ == Kind::Year)
                        m = TimeZone::floorDiv(c.year, n) * n * 12;
                    else
                        m = TimeZone::floorDiv(m - 1970 * 12, months_per) * months_per + 1970 * 12;
                    r = TimeZone::daysFromCivil(static_cast<Int32>(TimeZone::floorDiv(m, 12)),
                                                static_cast<Int32>(TimeZone::floorMod(m, 12)) + 1, 1);
                    break;
                }
                default:
                    break;
                }
                res->getData()[i] = static_cast<UInt16>(std::clamp<Int64>(r, 0, 65535));
            }
            return res;
        }
        auto res = ColumnUInt32::create(rows);
        Int64 seconds = DataTypeInterval::fixedSeconds(kind_) * n;
        for (size_t i = 0; i < rows; ++i)
        {
            Int64 r;
            if (kind_ == Kind::Day)
                r = tz.fromDayNum(static_cast<Int32>(TimeZone::floorDiv(day_of(values[i]), n) * n));
            else if (from_date)
                r = tz.fromDayNum(static_cast<Int32>(values[i]));
            else
                r = tz.toStartOfInterval(values[i], seconds);
            res->getData()[i] = static_cast<UInt32>(std::clamp<Int64>(r, 0, 4294967295LL));
        }
        return res;
    }

private:
    mutable DataTypeInterval::Kind kind_ = DataTypeInterval::Kind::Second;
};

/// (year, week) of day d in MySQL's week modes 0..9 (ClickHouse's toYearWeek): bit 0 starts weeks on Monday, bit 1
/// numbers weeks 1..53 (else 0..53, days before week 1 are week 0), bit 2 makes week 1 the first week with a first
/// weekday in the year (else the first with 4 or more days; the bit is flipped for Sunday-first modes), bit 3 (mode 8, 9)
/// makes week 1 the week with January 1.
std::pair<Int32, Int32> mysqlYearWeek(Int32 d, UInt64 mode)
{
    auto days_in_year = [](Int32 year) { return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 366 : 365; };
    auto day_of_week = [](Int64 day) { return static_cast<Int32>(TimeZone::dayOfWeek(static_cast<Int32>(day))); }; /// Monday = 1
    const bool newyear_day_mode = mode & 8;
    UInt64 format = mode & 7;
    if (!(format & 1))
        format ^= 4;
    const bool monday_first = format & 1;
    bool week_year = format & 2;
    const bool first_weekday = format & 4;
    const auto civil = TimeZone::civilFromDays(d);
    if (newyear_day_mode)
    {
        const Int64 offset = monday_first ? 0 : 1;
        Int32 year = TimeZone::civilFromDays(static_cast<Int32>(d + 7 - day_of_week(d + offset))).year;
        Int64 first_day = TimeZone::daysFromCivil(year, 1, 1);
        Int64 this_day = d;
        if (monday_first)
        {
            first_day = TimeZone::toMonday(static_cast<Int32>(first_day));
            this_day = TimeZone::toMonday(d);
        }
        else
        {
            if (day_of_week(first_day) != 7)
                first_day -= day_of_week(first_day);
            if (day_of_week(d) != 7)
                this_day -= day_of_week(d);
        }
        return {year, static_cast<Int32>((this_day - first_day) / 7 + 1)};
    }
    Int32 year = civil.year;
    Int64 first_daynr = TimeZone::daysFromCivil(year, 1, 1);
    /// 0 for the first day of the week.
    Int64 weekday = monday_first ? day_of_week(first_daynr) - 1 : day_of_week(first_daynr + 1) - 1;
    Int64 days = 0;
    if (civil.month == 1 && civil.day <= 7 - weekday)
    {
        if (!week_year && ((first_weekday && weekday != 0) || (!first_weekday && weekday >= 4)))
            return {year, 0};
        week_year = true;
        --year;
        days = days_in_year(year);
        first_daynr -= days;
        weekday = (weekday + 53 * 7 - days) % 7;
    }
    if ((first_weekday && weekday != 0) || (!first_weekday && weekday >= 4))
        days = d - (first_daynr + (7 - weekday));
    else
        days = d - (first_daynr - weekday);
    if (week_year && days >= 52 * 7)
    {
        weekday = (weekday + days_in_year(year)) % 7;
        if ((!first_weekday && weekday < 4) || (first_weekday && weekday == 0))
            return {year + 1, 1};
    }
    return {year, static_cast<Int32>(days / 7 + 1)};
}

/// toDayOfWeek, toStartOfWeek, toLastDayOfWeek (t[, mode][, 'tz']): the week mode's bit 0 starts weeks on Monday
/// (toStartOfWeek); toDayOfWeek numbers days by mode & 3: 0 Mon=1..Sun=7, 1 Mon=0..Sun=6, 2 Sun=0..Sat=6, 3 Sun=1..Sat=7.
class FunctionWeekTransform final : public IFunction
{
public:
    enum class Kind
    {
        DayOfWeek,
        StartOfWeek,
        LastDayOfWeek,
        Week,
        YearWeek,
    };

    explicit FunctionWeekTransform(Kind kind)
        : kind_(kind)
    {
    }
    std::string getName() const override
    {
        switch (kind_)
        {
        case Kind::DayOfWeek:
            return "toDayOfWeek";
        case Kind::StartOfWeek:
            return "toStartOfWeek";
        case Kind::LastDayOfWeek:
            return "toLastDayOfWeek";
        case Kind::Week:
            return "toWeek";
        case Kind::YearWeek:
            return "toYearWeek";
        }
        return "";
    }
    bool isVariadic() const override { return true; }
    std::vector<size_t> getArgumentsThatAreAlwaysConstant() const override { return {1, 2}; }
    bool hasInformationAboutMonotonicity() const override { return kind_ == Kind::StartOfWeek || kind_ == Kind::LastDayOfWeek || kind_ == Kind::YearWeek; }
    FunctionMonotonicity getMonotonicityForRange(const IDataType &, const Field &, const Field &) const override
    {
        return {true, true, true};
    }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.empty() || arguments.size() > 3)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Number of arguments for function " + getName() +
                                                                             " doesn't match: passed " + std::to_string(arguments.size()) +
                                                                             ", should be 1, 2 or 3");
        if (!isDateOrDateTime(arguments[0].type->getTypeId()))
            throwIllegalType(arguments, 0, "must be Date, Date32, DateTime or DateTime64");
        parseOptions(arguments);
        if (kind_ == Kind::YearWeek)
            return typeUInt32();
        return kind_ == Kind::DayOfWeek || kind_ == Kind::Week ? typeUInt8() : typeDate();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        auto [mode, tz_name] = parseOptions(arguments);
        const TimeZone & tz = tz_name.empty() ? timeZoneOf(*arguments[0].type) : TimeZone::get(tz_name);
        const bool from_date = isDateOrDate32(arguments[0].type->getTypeId());
        auto values = timeValues(arguments[0]);
        if (kind_ == Kind::Week || kind_ == Kind::YearWeek)
        {
            auto day_of = [&](size_t i) { return static_cast<Int32>(from_date ? values[i] : tz.toDayNum(values[i])); };
            if (kind_ == Kind::Week)
            {
                auto res = ColumnUInt8::create(rows);
                for (size_t i = 0; i < rows; ++i)
                    res->getData()[i] = static_cast<UInt8>(mysqlYearWeek(day_of(i), mode).second);
                return res;
            }
            auto res = ColumnUInt32::create(rows);
            for (size_t i = 0; i < rows; ++i)
            {
                auto [year, week] = mysqlYearWeek(day_of(i), mode | 2);
                res->getData()[i] = static_cast<UInt32>(year * 100 + week);
            }
            return res;
        }
        if (kind_ == Kind::DayOfWeek)
        {
            const UInt64 day_mode = mode & 3;
            const bool from_sunday = day_mode & 2;
            const bool zero_based = day_mode == 1 || day_mode == 2;
            auto res = ColumnUInt8::create(rows);
            for (size_t i = 0; i < rows; ++i)
            {
                Int64 d = from_date ? values[i] : tz.toDayNum(values[i]);
                Int64 r = TimeZone::dayOfWeek(static_cast<Int32>(d));
                if (from_sunday)
                    r = r % 7 + 1;
                res->getData()[i] = static_cast<UInt8>(zero_based ? r - 1 : r);
            }
            return res;
        }
        const bool monday_first = mode & 1;
        const Int64 extra = kind_ == Kind::LastDayOfWeek ? 6 : 0;
        auto res = ColumnUInt16::create(rows);
        for (size_t i = 0; i < rows; ++i)
        {
            Int64 d = from_date ? values[i] : tz.toDayNum(values[i]);
            Int64 start = monday_first ? TimeZone::toMonday(static_cast<Int32>(d)) : d - TimeZone::dayOfWeek(static_cast<Int32>(d)) % 7;
            res->getData()[i] = static_cast<UInt16>(std::clamp<Int64>(start + extra, 0, 65535));
        }
        return res;
    }

private:
    /// (week mode, time zone name or "") from the optional arguments.
    std::pair<UInt64, std::string> parseOptions(const ColumnsWithTypeAndName & arguments) const
    {
        UInt64 mode = 0;
        std::string tz;
        for (size_t i = 1; i < arguments.size(); ++i)
        {
            auto id = arguments[i].type->getTypeId();
            if (i == 1 && isInteger(id))
            {
                if (!arguments[i].column || !arguments[i].column->isConst())
                    throwIllegalType(arguments, i, "the week mode must be a constant integer");
                mode = (*arguments[i].column)[0].toUInt64();
            }
            else
                tz = optionalTimeZone(arguments, i, getName());
        }
        if (!tz.empty())
            TimeZone::get(tz);
        return {mode, tz};
    }

    Kind kind_;
};

/// now(), today(), yesterday(): the time the function is first evaluated (constant within a query).
class FunctionNow final : public IFunction
{
public:
    explicit FunctionNow(bool today, bool yesterday = false)
        : today_(today)
        , yesterday_(yesterday)
    {
    }
    std::string getName() const override { return yesterday_ ? "yesterday" : today_ ? "today" : "now"; }
    bool isVariadic() const override { return true; }
    bool isDeterministic() const override { return false; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.size() > (today_ ? 0u : 1u))
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Too many arguments for function " + getName());
        if (today_)
            return typeDate();
        return typeDateTime(optionalTimeZone(arguments, 0, getName()));
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName &, const DataTypePtr & result_type, size_t rows) const override
    {
        Int64 now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
        if (today_)
            return createConstColumn(result_type, Field(UInt64(TimeZone::utc().toDayNum(now) - (yesterday_ ? 1 : 0))), rows);
        return createConstColumn(result_type, Field(UInt64(now)), rows);
    }

private:
    bool today_;
    bool yesterday_;
};

class FunctionToUnixTimestamp final : public IFunction
{
public:
    std::string getName() const override { return "toUnixTimestamp"; }
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
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Function toUnixTimestamp takes 1 or 2 arguments");
        auto id = arguments[0].type->getTypeId();
        if (!isDateOrDateTime(id) && id != TypeIndex::String)
            throwIllegalType(arguments, 0);
        return typeUInt32();
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t) const override
    {
        if (arguments[0].type->getTypeId() == TypeIndex::String)
        {
            auto type = typeDateTime(optionalTimeZone(arguments, 1, getName()));
            auto dt = castColumn(arguments[0], type);
            return castColumn({dt, type, ""}, typeUInt32());
        }
        if (isDateOrDate32(arguments[0].type->getTypeId()))
            return castColumn({castColumn(arguments[0], typeDateTime()), typeDateTime(), ""}, typeUInt32());
        return castColumn(arguments[0], typeUInt32());
    }
};

class FunctionToTimeZone final : public IFunction
{
public:
    std::string getName() const override { return "toTimeZone"; }
    size_t getNumberOfArguments() const override { return 2; }
    std::vector<size_t> getArgumentsThatAreAlwaysConstant() const override { return {1}; }
    bool hasInformationAboutMonotonicity() const override { return true; }
    FunctionMonotonicity getMonotonicityForRange(const IDataType &, const Field &, const Field &) const override
    {
        return {true, true, true};
    }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (!isDateTimeOrDateTime64(arguments[0].type->getTypeId()))
            throwIllegalType(arguments, 0, "must be DateTime or DateTime64");
        auto tz = optionalTimeZone(arguments, 1, getName());
        TimeZone::get(tz);
        if (arguments[0].type->getTypeId() == TypeIndex::DateTime64)
            return typeDateTime64(scaleOf(*arguments[0].type), tz);
        return typeDateTime(tz);
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t) const override
    {
        return arguments[0].column;
    }
};

template <typename Transform>
void addTransform(FunctionRegistry & registry)
{
    registry.add({Transform::name, [] { return std::make_shared<FunctionDateTransform<Transform>>(); }, Transform::description,
                  std::string("SELECT ") + Transform::name + "(toDateTime('2024-03-01 10:20:30'))", false, ""});
}

} // namespace

void registerFunctionsDateTime(FunctionRegistry & registry)
{
    addTransform<ToYearImpl>(registry);
    addTransform<ToQuarterImpl>(registry);
    addTransform<ToMonthImpl>(registry);
    addTransform<ToDayOfMonthImpl>(registry);
    addTransform<ToDayOfYearImpl>(registry);
    addTransform<ToHourImpl>(registry);
    addTransform<ToMinuteImpl>(registry);
    addTransform<ToSecondImpl>(registry);
    addTransform<ToStartOfYearImpl>(registry);
    addTransform<ToStartOfQuarterImpl>(registry);
    addTransform<ToStartOfMonthImpl>(registry);
    addTransform<ToMondayImpl>(registry);
    addTransform<ToStartOfDayImpl>(registry);
    addTransform<ToStartOfHourImpl>(registry);
    addTransform<ToStartOfMinuteImpl>(registry);
    addTransform<ToStartOfFiveMinutesImpl>(registry);
    addTransform<ToStartOfTenMinutesImpl>(registry);
    addTransform<ToStartOfFifteenMinutesImpl>(registry);
    addTransform<ToYYYYMMImpl>(registry);
    addTransform<ToYYYYMMDDImpl>(registry);
    addTransform<ToYYYYMMDDhhmmssImpl>(registry);
    addTransform<ToISOYearImpl>(registry);
    addTransform<ToStartOfISOYearImpl>(registry);
    addTransform<ToISOWeekImpl>(registry);
    addTransform<ToLastDayOfMonthImpl>(registry);
    registry.addAlias("toStartOfFiveMinute", "toStartOfFiveMinutes");
    registry.addAlias("LAST_DAY", "toLastDayOfMonth", true);
    registry.addAlias("DAYOFMONTH", "toDayOfMonth", true);
    registry.addAlias("DAYOFYEAR", "toDayOfYear", true);
    registry.addAlias("QUARTER", "toQuarter", true);
    registry.addAlias("YEAR", "toYear", true);
    registry.addAlias("MONTH", "toMonth", true);
    registry.addAlias("DAY", "toDayOfMonth", true);
    registry.addAlias("HOUR", "toHour", true);
    registry.addAlias("MINUTE", "toMinute", true);
    registry.addAlias("SECOND", "toSecond", true);
    registry.add({"toStartOfInterval", [] { return std::make_shared<FunctionToStartOfInterval>(); },
                  "Start of the interval of the given length containing the date-time",
                  "SELECT toStartOfInterval(now(), INTERVAL 5 MINUTE)", false, ""});
    registry.add({"now", [] { return std::make_shared<FunctionNow>(false); }, "Current date-time (constant within a query)", "SELECT now()",
                  true, ""});
    registry.add({"today", [] { return std::make_shared<FunctionNow>(true); }, "Current date", "SELECT today()", true, ""});
    registry.add({"yesterday", [] { return std::make_shared<FunctionNow>(true, true); }, "The day before the current date",
                  "SELECT yesterday()", false, ""});
    registry.addAlias("CURRENT_DATE", "today", true);
    registry.addAlias("CURRENT_TIMESTAMP", "now", true);
    const std::tuple<const char *, FunctionWeekTransform::Kind, const char *, const char *> week_functions[] = {
        {"toDayOfWeek", FunctionWeekTransform::Kind::DayOfWeek, "Day of the week; mode 0 (default): Monday = 1 .. Sunday = 7",
         "SELECT toDayOfWeek(toDate('2024-03-03'), 2)"},
        {"toStartOfWeek", FunctionWeekTransform::Kind::StartOfWeek, "First day of the week: Sunday (mode 0, default) or Monday (odd mode)",
         "SELECT toStartOfWeek(toDate('2024-03-06'), 1)"},
        {"toLastDayOfWeek", FunctionWeekTransform::Kind::LastDayOfWeek, "Last day of the week: Saturday (mode 0, default) or Sunday (odd mode)",
         "SELECT toLastDayOfWeek(toDate('2024-03-06'), 1)"},
        {"toWeek", FunctionWeekTransform::Kind::Week, "Week number (0-53) in MySQL's week mode 0..9 (default 0)",
         "SELECT toWeek(toDate('2016-12-27'), 1)"},
        {"toYearWeek", FunctionWeekTransform::Kind::YearWeek, "Year and week as YYYYWW in MySQL's week mode 0..9 (default 0)",
         "SELECT toYearWeek(toDate('2016-12-27'), 9)"}};
    for (const auto & [name, kind, description, example] : week_functions)
    {
        auto week_kind = kind;
        registry.add({name, [week_kind] { return std::make_shared<FunctionWeekTransform>(week_kind); }, description, example, false, ""});
    }
    registry.addAlias("DAYOFWEEK", "toDayOfWeek", true);
    registry.addAlias("week", "toWeek", true);
    registry.addAlias("yearweek", "toYearWeek", true);
    registry.add({"toUnixTimestamp", [] { return std::make_shared<FunctionToUnixTimestamp>(); }, "Seconds since 1970-01-01 00:00:00 UTC",
                  "SELECT toUnixTimestamp(now())", false, ""});
    registry.add({"toTimeZone", [] { return std::make_shared<FunctionToTimeZone>(); }, "The same instant shown in another time zone",
                  "SELECT toTimeZone(now(), 'Asia/Tokyo')", false, ""});
}

} // namespace pipit
