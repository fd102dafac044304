#include "engine/base/TimeZone.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionRegistry.h"

#include <cctype>
#include <optional>

/// Differences between instants and conversions from Unix epoch counts: dateDiff (number of unit
/// boundaries crossed, as ClickHouse), timestampAdd/timestampSub (plus/minus with an interval),
/// fromUnixTimestamp64Milli/Micro/Nano.

namespace pipit
{

namespace
{

enum class DiffUnit
{
    Nanosecond,
    Microsecond,
    Millisecond,
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
};

DiffUnit parseDiffUnit(std::string unit)
{
    for (auto & c : unit)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (unit == "nanosecond" || unit == "nanoseconds" || unit == "ns")
        return DiffUnit::Nanosecond;
    if (unit == "microsecond" || unit == "microseconds" || unit == "us" || unit == "u" || unit == "mcs")
        return DiffUnit::Microsecond;
    if (unit == "millisecond" || unit == "milliseconds" || unit == "ms")
        return DiffUnit::Millisecond;
    if (unit == "second" || unit == "seconds" || unit == "ss" || unit == "s")
        return DiffUnit::Second;
    if (unit == "minute" || unit == "minutes" || unit == "mi" || unit == "n")
        return DiffUnit::Minute;
    if (unit == "hour" || unit == "hours" || unit == "hh" || unit == "h")
        return DiffUnit::Hour;
    if (unit == "day" || unit == "days" || unit == "dd" || unit == "d")
        return DiffUnit::Day;
    if (unit == "week" || unit == "weeks" || unit == "wk" || unit == "ww")
        return DiffUnit::Week;
    if (unit == "month" || unit == "months" || unit == "mm" || unit == "m")
        return DiffUnit::Month;
    if (unit == "quarter" || unit == "quarters" || unit == "qq" || unit == "q")
        return DiffUnit::Quarter;
    if (unit == "year" || unit == "years" || unit == "yyyy" || unit == "yy")
        return DiffUnit::Year;
    throw Exception(ErrorCode::BAD_ARGUMENTS, "Function dateDiff does not support '" + unit + "' unit");
}

/// An instant argument as seconds since the epoch plus, for Date/Date32, its day number.
class InstantArgument
{
public:
    explicit InstantArgument(const ColumnWithTypeAndName & arg)
        : id_(arg.type->getTypeId())
        , scale_(scaleOf(*arg.type))
    {
        column_ = arg.column;
    }

    /// Row i as a count of 10^-scale second ticks (rounded down when the value has more digits).
    Int64 ticks(size_t i, const TimeZone & tz, UInt32 scale) const
    {
        std::optional<Int32> day;
        if (id_ != TypeIndex::DateTime64)
            return seconds(i, tz, day) * pow10(scale);
        const IColumn & c = unwrapConst(*column_);
        Int64 value = assertColumnCast<ColumnInt64>(c).getData()[column_->isConst() ? 0 : i];
        return scale >= scale_ ? value * pow10(scale - scale_) : TimeZone::floorDiv(value, pow10(scale_ - scale));
    }

    /// Seconds of row i; `day` gets the day number when the value is a date.
    Int64 seconds(size_t i, const TimeZone & tz, std::optional<Int32> & day) const
    {
        const IColumn & c = unwrapConst(*column_);
        const size_t row = column_->isConst() ? 0 : i;
        day.reset();
        switch (id_)
        {
        case TypeIndex::Date:
            day = assertColumnCast<ColumnUInt16>(c).getData()[row];
            return tz.fromDayNum(*day);
        case TypeIndex::Date32:
            day = assertColumnCast<ColumnInt32>(c).getData()[row];
            return tz.fromDayNum(*day);
        case TypeIndex::DateTime:
            return assertColumnCast<ColumnUInt32>(c).getData()[row];
        default:
        {
            Int64 ticks = assertColumnCast<ColumnInt64>(c).getData()[row];
            Int64 divisor = 1;
            for (UInt32 k = 0; k < scale_; ++k)
                divisor *= 10;
            return TimeZone::floorDiv(ticks, divisor);
        }
        }
    }

private:
    static Int64 pow10(UInt32 n)
    {
        Int64 r = 1;
        for (UInt32 k = 0; k < n; ++k)
            r *= 10;
        return r;
    }

    TypeIndex id_;
    UInt32 scale_;
    ColumnPtr column_;
};

Int64 relativeNumber(DiffUnit unit, Int64 t, const std::optional<Int32> & day, const TimeZone & tz)
{
    switch (unit)
    {
    case DiffUnit::Second:
        return t;
    case DiffUnit::Minute:
        return TimeZone::floorDiv(t, 60);
    case DiffUnit::Hour:
        return TimeZone::floorDiv(tz.toLocalSeconds(t), 3600);
    default:
        break;
    }
    const Int32 d = day ? *day : tz.toDayNum(t);
    if (unit == DiffUnit::Day)
        return d;
    if (unit == DiffUnit::Week)
        return TimeZone::floorDiv(TimeZone::toMonday(d), 7);
    const auto civil = TimeZone::civilFromDays(d);
    if (unit == DiffUnit::Month)
        return Int64(civil.year) * 12 + civil.month - 1;
    if (unit == DiffUnit::Quarter)
        return Int64(civil.year) * 4 + (civil.month - 1) / 3;
    return civil.year;
}

/// dateDiff('unit', start, end[, 'time zone']).
class FunctionDateDiff final : public IFunction
{
public:
    std::string getName() const override { return "dateDiff"; }
    bool isVariadic() const override { return true; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.size() != 3 && arguments.size() != 4)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                            "Number of arguments for function dateDiff doesn't match: passed " + std::to_string(arguments.size())
                                + ", should be 3 or 4");
        if (arguments[0].type->getTypeId() != TypeIndex::String || !arguments[0].column || !arguments[0].column->isConst())
            throwIllegalType(arguments, 0, "the unit must be a constant String");
        parseDiffUnit(std::string(unwrapConst(*arguments[0].column).getDataAt(0)));
        for (size_t i = 1; i <= 2; ++i)
            if (!isDateOrDateTime(arguments[i].type->getTypeId()))
                throwIllegalType(arguments, i, "expected Date, Date32, DateTime or DateTime64");
        if (arguments.size() == 4 && (arguments[3].type->getTypeId() != TypeIndex::String || !arguments[3].column || !arguments[3].column->isConst()))
            throwIllegalType(arguments, 3, "the time zone must be a constant String");
        return typeInt64();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        const DiffUnit unit = parseDiffUnit(std::string(unwrapConst(*arguments[0].column).getDataAt(0)));
        const TimeZone & tz = arguments.size() == 4 ? TimeZone::get(unwrapConst(*arguments[3].column).getDataAt(0))
            : isDateTimeOrDateTime64(arguments[1].type->getTypeId())                ? timeZoneOf(*arguments[1].type)
                                                                                    : timeZoneOf(*arguments[2].type);
        InstantArgument start(arguments[1]);
        InstantArgument end(arguments[2]);
        auto res = ColumnInt64::create(rows);
        auto & out = res->getData();
        if (unit == DiffUnit::Nanosecond || unit == DiffUnit::Microsecond || unit == DiffUnit::Millisecond)
        {
            const UInt32 scale = unit == DiffUnit::Nanosecond ? 9 : unit == DiffUnit::Microsecond ? 6 : 3;
            for (size_t i = 0; i < rows; ++i)
                out[i] = end.ticks(i, tz, scale) - start.ticks(i, tz, scale);
            return res;
        }
        std::optional<Int32> day;
        for (size_t i = 0; i < rows; ++i)
        {
            const Int64 a = start.seconds(i, tz, day);
            const Int64 ra = relativeNumber(unit, a, day, tz);
            const Int64 b = end.seconds(i, tz, day);
            const Int64 rb = relativeNumber(unit, b, day, tz);
            out[i] = rb - ra;
        }
        return res;
    }
};

/// fromUnixTimestamp64Milli/Micro/Nano(n[, 'tz']): DateTime64(3/6/9) of an Int64 count.
class FunctionFromUnixTimestamp64 final : public IFunction
{
public:
    FunctionFromUnixTimestamp64(std::string name, UInt32 scale)
        : name_(std::move(name))
        , scale_(scale)
    {
    }
    std::string getName() const override { return name_; }
    bool isVariadic() const override { return true; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.empty() || arguments.size() > 2)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                            "Number of arguments for function " + name_ + " doesn't match: passed " + std::to_string(arguments.size())
                                + ", should be 1 or 2");
        if (!isInteger(arguments[0].type->getTypeId()))
            throwIllegalType(arguments, 0, "expected an integer");
        std::string zone;
        if (arguments.size() == 2)
        {
            if (arguments[1].type->getTypeId() != TypeIndex::String || !arguments[1].column || !arguments[1].column->isConst())
                throwIllegalType(arguments, 1, "the time zone must be a constant String");
            zone = std::string(unwrapConst(*arguments[1].column).getDataAt(0));
            TimeZone::get(zone);
        }
        return typeDateTime64(scale_, zone);
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t) const override
    {
        ColumnPtr ticks = castColumn(arguments[0], typeInt64());
        return ticks;
    }

private:
    std::string name_;
    UInt32 scale_;
};

} // namespace

void registerFunctionsDateDiff(FunctionRegistry & registry)
{
    registry.add({"dateDiff", [] { return std::make_shared<FunctionDateDiff>(); },
                  "Number of unit boundaries (second ... year) between two dates or date-times",
                  "SELECT dateDiff('day', toDate('2024-01-01'), toDate('2024-03-01'))", true, ""});
    registry.addAlias("date_diff", "dateDiff", true);
    registry.addAlias("timestampAdd", "plus", true);
    registry.addAlias("timestamp_add", "plus", true);
    registry.addAlias("timestampSub", "minus", true);
    registry.addAlias("timestamp_sub", "minus", true);
    /// dateAdd(date, INTERVAL n unit) is plus, dateSub minus; the parser turns dateAdd(unit, n, date) into plus(date, INTERVAL n unit).
    registry.addAlias("dateAdd", "plus", true);
    registry.addAlias("date_add", "plus", true);
    registry.addAlias("dateSub", "minus", true);
    registry.addAlias("date_sub", "minus", true);
    registry.addAlias("timestampDiff", "dateDiff", true);
    registry.addAlias("timestamp_diff", "dateDiff", true);
    const std::pair<const char *, UInt32> scales[] = {{"fromUnixTimestamp64Milli", 3}, {"fromUnixTimestamp64Micro", 6}, {"fromUnixTimestamp64Nano", 9}};
    for (const auto & [name_literal, scale] : scales)
    {
        std::string name = name_literal;
        UInt32 s = scale;
        registry.add({name, [name, s] { return std::make_shared<FunctionFromUnixTimestamp64>(name, s); },
                      "DateTime64 of a count of units since the Unix epoch", "SELECT " + name + "(1709251200123)", false, ""});
    }
}

} // namespace pipit
