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
struct ToDayOfWeekImpl
{
    static constexpr const char * name = "toDayOfWeek";
    static constexpr const char * description = "Day of the week, Monday = 1 .. Sunday = 7";
    static constexpr ResultKind kind = ResultKind::Number;
    static constexpr bool needs_time = false;
    using Result = UInt8;
    using Parent = ToMondayImpl;
    static Int64 day(Int32 d) { return TimeZone::dayOfWeek(d); }
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
struct ToStartOfWeekImpl
{
    static constexpr const char * name = "toStartOfWeek";
    static constexpr const char * description = "The Sunday on or before a date or date-time (week mode 0)";
    static constexpr ResultKind kind = ResultKind::Date;
    static constexpr bool needs_time = false;
    using Result = UInt16;
    using Parent = void;
    static Int64 day(Int32 d) { return d - (TimeZone::dayOfWeek(d) % 7); }
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
        if (kind_ == DataTypeInterval::Kind::Week || kind_ == DataTypeInterval::Kind::Month || kind_ == DataTypeInterval::Kind::Quarter ||
            kind_ == DataTypeInterval::Kind::Year)
            return typeDate();
        return typeDateTime(tz);
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        using Kind = DataTypeInterval::Kind;
        Int64 n = (*arguments[1].column)[0].toInt64();
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

class FunctionNow final : public IFunction
{
public:
    explicit FunctionNow(bool today)
        : today_(today)
    {
    }
    std::string getName() const override { return today_ ? "today" : "now"; }
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
            return createConstColumn(result_type, Field(UInt64(TimeZone::utc().toDayNum(now))), rows);
        return createConstColumn(result_type, Field(UInt64(now)), rows);
    }

private:
    bool today_;
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
    addTransform<ToDayOfWeekImpl>(registry);
    addTransform<ToDayOfYearImpl>(registry);
    addTransform<ToHourImpl>(registry);
    addTransform<ToMinuteImpl>(registry);
    addTransform<ToSecondImpl>(registry);
    addTransform<ToStartOfYearImpl>(registry);
    addTransform<ToStartOfQuarterImpl>(registry);
    addTransform<ToStartOfMonthImpl>(registry);
    addTransform<ToStartOfWeekImpl>(registry);
    addTransform<ToMondayImpl>(registry);
    addTransform<ToStartOfDayImpl>(registry);
    addTransform<ToStartOfHourImpl>(registry);
    addTransform<ToStartOfMinuteImpl>(registry);
    addTransform<ToStartOfFiveMinutesImpl>(registry);
    addTransform<ToStartOfTenMinutesImpl>(registry);
    addTransform<ToStartOfFifteenMinutesImpl>(registry);
    addTransform<ToYYYYMMImpl>(registry);
    addTransform<ToYYYYMMDDImpl>(registry);
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
    registry.add({"toUnixTimestamp", [] { return std::make_shared<FunctionToUnixTimestamp>(); }, "Seconds since 1970-01-01 00:00:00 UTC",
                  "SELECT toUnixTimestamp(now())", false, ""});
    registry.add({"toTimeZone", [] { return std::make_shared<FunctionToTimeZone>(); }, "The same instant shown in another time zone",
                  "SELECT toTimeZone(now(), 'Asia/Tokyo')", false, ""});
}

} // namespace pipit
