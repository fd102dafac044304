#include "engine/base/Exception.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionRegistry.h"

#include <gtest/gtest.h>

#include <chrono>
#include <limits>

using namespace pipit;

namespace
{

ColumnWithTypeAndName column(const std::string & type_name, const std::vector<Field> & values)
{
    auto type = parseDataType(type_name);
    auto c = type->createColumn();
    for (const auto & v : values)
        c->insert(v);
    return {std::move(c), type, "c"};
}

ColumnWithTypeAndName constant(const std::string & type_name, const Field & value, size_t rows)
{
    auto type = parseDataType(type_name);
    return {createConstColumn(type, value, rows), type, "k"};
}

struct CallResult
{
    DataTypePtr type;
    ColumnPtr column;

    Field at(size_t row) const { return (*column)[row]; }
};

CallResult call(const std::string & name, const ColumnsWithTypeAndName & arguments)
{
    auto function = FunctionRegistry::instance().get(name);
    ColumnsWithTypeAndName for_type = arguments;
    for (auto & a : for_type)
        if (a.column && !a.column->isConst())
            a.column = nullptr;
    auto type = function->getReturnType(for_type);
    size_t rows = arguments.empty() ? 1 : arguments[0].column->size();
    return {type, function->execute(arguments, type, rows)};
}

ErrorCode errorOf(const std::function<void()> & f)
{
    try
    {
        f();
    }
    catch (const Exception & e)
    {
        return e.code();
    }
    return ErrorCode::OK;
}

} // namespace

/// ISO weeks against std::chrono's calendar over 1970..2149: week 1 holds the year's first Thursday.
TEST(FunctionsDateTime64Test, IsoWeekMatchesCalendarDefinition)
{
    using namespace std::chrono;
    std::vector<Field> days;
    for (Int64 d = 0; d < 65536; d += 1)
        days.push_back(Field(UInt64(d)));
    auto dates = column("Date", days);
    auto weeks = call("toISOWeek", {dates});
    auto years = call("toISOYear", {dates});
    auto starts = call("toStartOfISOYear", {dates});
    for (Int64 d = 0; d < 65536; ++d)
    {
        sys_days day {std::chrono::days(d)};
        /// The Thursday of the day's Monday-based week decides the ISO year.
        weekday wd {day};
        Int64 iso_index = (wd.c_encoding() + 6) % 7; /// Monday = 0
        sys_days thursday = day - std::chrono::days(iso_index) + std::chrono::days(3);
        year_month_day thursday_ymd {thursday};
        sys_days jan1 {thursday_ymd.year() / January / 1};
        Int64 week = (thursday - jan1).count() / 7 + 1;
        ASSERT_EQ(weeks.at(d).toUInt64(), UInt64(week)) << d;
        ASSERT_EQ(years.at(d).toInt64(), Int64(int(thursday_ymd.year()))) << d;
        sys_days jan4 {thursday_ymd.year() / January / 4};
        Int64 jan4_index = (weekday {jan4}.c_encoding() + 6) % 7;
        Int64 start = (jan4 - std::chrono::days(jan4_index)).time_since_epoch().count();
        if (start >= 0)
        {
            ASSERT_EQ(starts.at(d).toInt64(), start) << d;
        }
    }
}

TEST(FunctionsDateTime64Test, DayOfWeekModesAndStartOfWeek)
{
    /// 2021-07-04 is a Sunday (day 18812).
    auto sunday = column("Date", {Field(UInt64(18812))});
    EXPECT_EQ(call("toDayOfWeek", {sunday}).at(0).toUInt64(), 7u);
    const UInt64 expected[] = {7, 6, 0, 1, 7, 6, 0, 1};
    for (UInt64 mode = 0; mode < 8; ++mode)
        EXPECT_EQ(call("toDayOfWeek", {sunday, constant("UInt8", Field(mode), 1)}).at(0).toUInt64(), expected[mode]) << mode;
    EXPECT_EQ(call("toStartOfWeek", {sunday, constant("UInt8", Field(UInt64(0)), 1)}).at(0).toUInt64(), 18812u);
    EXPECT_EQ(call("toStartOfWeek", {sunday, constant("UInt8", Field(UInt64(1)), 1)}).at(0).toUInt64(), 18806u);
    EXPECT_EQ(call("toLastDayOfWeek", {sunday, constant("UInt8", Field(UInt64(1)), 1)}).at(0).toUInt64(), 18812u);
    EXPECT_EQ(call("toLastDayOfWeek", {sunday}).at(0).toUInt64(), 18818u);
    /// Day 0 (a Thursday) cannot go back to its Sunday: clamped to the first Date.
    EXPECT_EQ(call("toStartOfWeek", {column("Date", {Field(UInt64(0))})}).at(0).toUInt64(), 0u);
    EXPECT_EQ(errorOf([&] { call("toStartOfWeek", {sunday, column("UInt8", {Field(UInt64(1))})}); }), ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT);
    EXPECT_EQ(errorOf([&] { call("toDayOfWeek", {sunday, constant("UInt8", Field(UInt64(1)), 1), constant("String", Field("No/Zone"), 1)}); }),
              ErrorCode::BAD_ARGUMENTS);
}

TEST(FunctionsDateTime64Test, SubsecondRoundingFloorsNegativeTicks)
{
    /// -0.0005 s and 1.2345 s at scale 4.
    auto t = column("DateTime64(4)", {Field(Int64(-5)), Field(Int64(12345))});
    auto second = call("toStartOfSecond", {t});
    EXPECT_EQ(second.type->getName(), "DateTime64(4)");
    EXPECT_EQ(second.at(0).toInt64(), -10000);
    EXPECT_EQ(second.at(1).toInt64(), 10000);
    auto milli = call("toStartOfMillisecond", {t});
    EXPECT_EQ(milli.at(0).toInt64(), -10);
    EXPECT_EQ(milli.at(1).toInt64(), 12340);
    /// Finer units than the scale keep the value.
    EXPECT_EQ(call("toStartOfMicrosecond", {t}).at(1).toInt64(), 12345);
    /// toUnixTimestamp64Milli truncates toward zero like ClickHouse; Nano multiplies and detects overflow.
    auto ms = call("toUnixTimestamp64Milli", {t});
    EXPECT_EQ(ms.at(0).toInt64(), 0);
    EXPECT_EQ(ms.at(1).toInt64(), 1234);
    EXPECT_EQ(call("toUnixTimestamp64Nano", {t}).at(1).toInt64(), 1234500000);
    auto big = column("DateTime64(0)", {Field(Int64(1) << 40)});
    EXPECT_EQ(errorOf([&] { call("toUnixTimestamp64Nano", {big}); }), ErrorCode::DECIMAL_OVERFLOW);
    EXPECT_EQ(call("toMillisecond", {t}).at(0).toUInt64(), 999u);
    EXPECT_EQ(call("toMillisecond", {t}).at(1).toUInt64(), 234u);
    EXPECT_EQ(errorOf([&] { call("toStartOfSecond", {column("DateTime", {Field(UInt64(1))})}); }), ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT);
}

TEST(FunctionsDateTime64Test, YYYYMMDDhhmmssAndYesterday)
{
    /// 2021-07-04 23:59:58 UTC.
    auto t = column("DateTime", {Field(UInt64(1625443198)), Field(UInt64(0))});
    auto r = call("toYYYYMMDDhhmmss", {t});
    EXPECT_EQ(r.type->getName(), "UInt64");
    EXPECT_EQ(r.at(0).toUInt64(), 20210704235958u);
    EXPECT_EQ(r.at(1).toUInt64(), 19700101000000u);
    EXPECT_EQ(call("toYYYYMMDDhhmmss", {t, constant("String", Field("Asia/Tokyo"), 2)}).at(0).toUInt64(), 20210705085958u);
    auto today = call("today", {}).at(0).toUInt64();
    auto yesterday = call("yesterday", {});
    EXPECT_EQ(yesterday.type->getName(), "Date");
    EXPECT_EQ(yesterday.at(0).toUInt64() + 1, today);
}

TEST(FunctionsDateTime64Test, SubsecondIntervalArithmetic)
{
    auto t = column("DateTime64(3)", {Field(Int64(1000)), Field(Int64(-1))});
    auto plus = call("addMicroseconds", {t, constant("UInt8", Field(UInt64(5)), 2)});
    EXPECT_EQ(plus.type->getName(), "DateTime64(6)");
    EXPECT_EQ(plus.at(0).toInt64(), 1000005);
    EXPECT_EQ(plus.at(1).toInt64(), -995);
    auto minus = call("subtractMilliseconds", {column("DateTime", {Field(UInt64(10))}), constant("Int8", Field(Int64(-2)), 1)});
    EXPECT_EQ(minus.type->getName(), "DateTime64(3)");
    EXPECT_EQ(minus.at(0).toInt64(), 10002);
    EXPECT_EQ(errorOf([&] { call("addNanoseconds", {t, constant("Int64", Field(std::numeric_limits<Int64>::max()), 2)}); }),
              ErrorCode::ARGUMENT_OUT_OF_BOUND);
    EXPECT_EQ(errorOf([&] { call("addMilliseconds", {column("DateTime64(9)", {Field(std::numeric_limits<Int64>::max() - 5)}),
                                                      constant("Int64", Field(Int64(1)), 1)}); }),
              ErrorCode::ARGUMENT_OUT_OF_BOUND);
}
