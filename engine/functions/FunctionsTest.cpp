#include "engine/base/Exception.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionRegistry.h"

#include <gtest/gtest.h>

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

    std::vector<std::string> values() const
    {
        std::vector<std::string> res;
        for (size_t i = 0; i < column->size(); ++i)
            res.push_back((*column)[i].dump());
        return res;
    }
    std::string typeName() const { return type->getName(); }
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

using Strings = std::vector<std::string>;

} // namespace

TEST(FunctionRegistry, CaseInsensitiveAndDescriptions)
{
    const auto & registry = FunctionRegistry::instance();
    EXPECT_TRUE(registry.has("lower"));
    EXPECT_TRUE(registry.has("LOWER"));
    EXPECT_TRUE(registry.has("CAST"));
    EXPECT_TRUE(registry.has("cast"));
    EXPECT_FALSE(registry.has("TOYEAR2"));
    EXPECT_FALSE(registry.has("tOdATE"));
    EXPECT_EQ(errorOf([&] { registry.get("lowr"); }), ErrorCode::UNKNOWN_FUNCTION);
    for (const auto * entry : registry.entries())
    {
        EXPECT_FALSE(entry->description.empty()) << entry->name;
        EXPECT_FALSE(entry->example.empty()) << entry->name;
    }
    EXPECT_GE(registry.entries().size(), 100u);
}

TEST(FunctionsComparison, MixedNumbersByValue)
{
    auto r = call("less", {column("Int8", {Int64(-1), Int64(5)}), column("UInt64", {UInt64(1), UInt64(5)})});
    EXPECT_EQ(r.typeName(), "UInt8");
    EXPECT_EQ(r.values(), (Strings {"1", "0"}));
    r = call("equals", {column("UInt64", {UInt64(18446744073709551615ULL)}), column("Int64", {Int64(-1)})});
    EXPECT_EQ(r.values(), (Strings {"0"}));
    r = call("greaterOrEquals", {column("Float64", {0.5, 2.0}), constant("UInt8", UInt64(1), 2)});
    EXPECT_EQ(r.values(), (Strings {"0", "1"}));
    r = call("notEquals", {constant("UInt8", UInt64(1), 2), column("Float32", {1.0, 1.5})});
    EXPECT_EQ(r.values(), (Strings {"0", "1"}));
}

TEST(FunctionsComparison, StringsAndDates)
{
    auto r = call("less", {column("String", {"a", "b", "ab"}), column("String", {"b", "a", "a"})});
    EXPECT_EQ(r.values(), (Strings {"1", "0", "0"}));
    r = call("greater", {constant("String", "b", 3), column("String", {"a", "b", "c"})});
    EXPECT_EQ(r.values(), (Strings {"1", "0", "0"}));
    /// ts >= '2024-03-01 00:00:00' converts the constant to DateTime.
    r = call("greaterOrEquals",
             {column("DateTime('UTC')", {UInt64(1709251199), UInt64(1709251200)}), constant("String", "2024-03-01 00:00:00", 2)});
    EXPECT_EQ(r.values(), (Strings {"0", "1"}));
    r = call("equals", {column("Date", {UInt64(19783), UInt64(19784)}), constant("String", "2024-03-01", 2)});
    EXPECT_EQ(r.values(), (Strings {"1", "0"}));
    /// Date vs DateTime compares in DateTime.
    r = call("less", {column("Date", {UInt64(19783)}), column("DateTime('UTC')", {UInt64(1709251201)})});
    EXPECT_EQ(r.values(), (Strings {"1"}));
    EXPECT_EQ(errorOf(
                  [] {
                      call("equals", {column("String", {"x"}), column("Array(UInt8)", {FieldArray {}})});
                  }),
              ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT);
    EXPECT_EQ(errorOf([] { call("equals", {column("Date", {UInt64(1)}), constant("String", "not a date", 1)}); }) != ErrorCode::OK, true);
}

TEST(FunctionsComparison, ConstantsFoldToConst)
{
    auto r = call("equals", {constant("UInt8", UInt64(1), 5), constant("UInt8", UInt64(1), 5)});
    EXPECT_TRUE(r.column->isConst());
    EXPECT_EQ(r.column->size(), 5u);
    EXPECT_EQ(r.values()[4], "1");
}

TEST(FunctionsComparison, NullsPropagate)
{
    auto r = call("equals", {column("Nullable(Int32)", {Int64(1), Field(), Int64(3)}), constant("UInt8", UInt64(1), 3)});
    EXPECT_EQ(r.typeName(), "Nullable(UInt8)");
    EXPECT_EQ(r.values(), (Strings {"1", "NULL", "0"}));
    r = call("less", {column("Int32", {Int64(1)}), constant("Nullable(Nothing)", Field(), 1)});
    EXPECT_EQ(r.typeName(), "Nullable(Nothing)");
    EXPECT_EQ(r.values(), (Strings {"NULL"}));
}

TEST(FunctionsLogical, TernaryNullLogic)
{
    auto a = column("Nullable(UInt8)", {UInt64(1), UInt64(0), Field(), Field(), Field()});
    auto b = column("Nullable(UInt8)", {Field(), Field(), Field(), UInt64(0), UInt64(1)});
    EXPECT_EQ(call("and", {a, b}).values(), (Strings {"NULL", "0", "NULL", "0", "NULL"}));
    EXPECT_EQ(call("or", {a, b}).values(), (Strings {"1", "NULL", "NULL", "NULL", "1"}));
    EXPECT_EQ(call("and", {a, b}).typeName(), "Nullable(UInt8)");
    auto x = column("UInt8", {UInt64(1), UInt64(0), UInt64(2)});
    auto y = column("Int64", {Int64(5), Int64(5), Int64(0)});
    EXPECT_EQ(call("and", {x, y}).values(), (Strings {"1", "0", "0"}));
    EXPECT_EQ(call("and", {x, y}).typeName(), "UInt8");
    EXPECT_EQ(call("or", {x, y, constant("UInt8", UInt64(0), 3)}).values(), (Strings {"1", "1", "1"}));
    EXPECT_EQ(call("xor", {x, y}).values(), (Strings {"0", "1", "1"}));
    EXPECT_EQ(call("not", {x}).values(), (Strings {"0", "1", "0"}));
    EXPECT_EQ(call("not", {column("Nullable(UInt8)", {Field()})}).values(), (Strings {"NULL"}));
    EXPECT_EQ(errorOf([] { call("and", {column("String", {"a"}), column("UInt8", {UInt64(1)})}); }), ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT);
    EXPECT_EQ(errorOf([] { call("and", {column("UInt8", {UInt64(1)})}); }), ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH);
}

TEST(FunctionsArithmetic, ResultTypesLikeClickHouse)
{
    auto u8 = column("UInt8", {UInt64(200)});
    auto i8 = column("Int8", {Int64(-100)});
    EXPECT_EQ(call("plus", {u8, u8}).typeName(), "UInt16");
    EXPECT_EQ(call("plus", {u8, u8}).values(), (Strings {"400"}));
    EXPECT_EQ(call("minus", {u8, u8}).typeName(), "Int16");
    EXPECT_EQ(call("plus", {u8, i8}).typeName(), "Int16");
    EXPECT_EQ(call("multiply", {column("UInt32", {UInt64(1)}), column("UInt32", {UInt64(1)})}).typeName(), "UInt64");
    EXPECT_EQ(call("plus", {column("Float32", {1.5}), column("Float32", {1.5})}).typeName(), "Float64");
    EXPECT_EQ(call("divide", {u8, u8}).typeName(), "Float64");
    EXPECT_EQ(call("intDiv", {u8, i8}).typeName(), "Int8");
    EXPECT_EQ(call("modulo", {i8, u8}).typeName(), "Int16");
    EXPECT_EQ(call("modulo", {i8, column("UInt8", {UInt64(3)})}).values(), (Strings {"-1"}));
    EXPECT_EQ(call("negate", {u8}).typeName(), "Int16");
    EXPECT_EQ(call("negate", {u8}).values(), (Strings {"-200"}));
    EXPECT_EQ(call("abs", {column("Int8", {Int64(-128)})}).typeName(), "UInt8");
    EXPECT_EQ(call("abs", {column("Int8", {Int64(-128)})}).values(), (Strings {"128"}));
    /// Wrapping, no UB.
    EXPECT_EQ(call("plus", {column("Int64", {Int64(9223372036854775807LL)}), column("Int64", {Int64(1)})}).values(),
              (Strings {"-9223372036854775808"}));
    EXPECT_EQ(call("divide", {column("Int32", {Int64(1)}), column("Int32", {Int64(0)})}).values(), (Strings {"inf"}));
}

TEST(FunctionsArithmetic, DivisionErrors)
{
    EXPECT_EQ(errorOf([] { call("intDiv", {column("Int32", {Int64(1)}), column("Int32", {Int64(0)})}); }), ErrorCode::ILLEGAL_DIVISION);
    EXPECT_EQ(errorOf([] { call("modulo", {column("Int32", {Int64(1)}), constant("UInt8", UInt64(0), 1)}); }), ErrorCode::ILLEGAL_DIVISION);
    EXPECT_EQ(call("intDivOrZero", {column("Int32", {Int64(1)}), column("Int32", {Int64(0)})}).values(), (Strings {"0"}));
    EXPECT_EQ(call("intDiv", {column("Int64", {Int64(INT64_MIN)}), column("Int64", {Int64(-1)})}).values(),
              (Strings {"-9223372036854775808"}));
    EXPECT_EQ(errorOf([] { call("plus", {column("String", {"a"}), column("UInt8", {UInt64(1)})}); }), ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT);
    EXPECT_EQ(errorOf([] { call("plus", {column("UInt8", {UInt64(1)})}); }), ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH);
}

TEST(FunctionsArithmetic, DateAndIntervalArithmetic)
{
    auto date = column("Date", {UInt64(19753)}); /// 2024-01-31
    auto month = FunctionRegistry::instance().get("toIntervalMonth");
    ColumnsWithTypeAndName args = {constant("UInt8", UInt64(1), 1)};
    auto interval_type = month->getReturnType(args);
    EXPECT_EQ(interval_type->getName(), "IntervalMonth");
    ColumnWithTypeAndName interval {month->execute(args, interval_type, 1), interval_type, "i"};
    auto plus = call("plus", {date, interval});
    EXPECT_EQ(plus.typeName(), "Date");
    EXPECT_EQ(plus.values(), (Strings {"19782"})); /// 2024-02-29
    auto dt = column("DateTime('UTC')", {UInt64(1709251200)});
    auto day = FunctionRegistry::instance().get("toIntervalDay");
    auto day_type = day->getReturnType(args);
    ColumnWithTypeAndName one_day {day->execute(args, day_type, 1), day_type, "i"};
    EXPECT_EQ(call("plus", {dt, one_day}).values(), (Strings {"1709337600"}));
    EXPECT_EQ(call("minus", {dt, one_day}).values(), (Strings {"1709164800"}));
    EXPECT_EQ(call("plus", {date, constant("UInt8", UInt64(1), 1)}).typeName(), "Date");
    EXPECT_EQ(call("minus", {date, column("Date", {UInt64(19700)})}).values(), (Strings {"53"}));
    EXPECT_EQ(call("addYears", {column("Date", {UInt64(19782)}), constant("UInt8", UInt64(1), 1)}).values(),
              (Strings {"20147"})); /// 2025-02-28
    EXPECT_EQ(errorOf([&] { call("minus", {one_day, dt}); }), ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT);
}

TEST(FunctionsConditional, IfMultiIf)
{
    auto cond = column("UInt8", {UInt64(1), UInt64(0), UInt64(1)});
    auto r = call("if", {cond, column("UInt8", {UInt64(1), UInt64(2), UInt64(3)}), column("Int16", {Int64(-1), Int64(-2), Int64(-3)})});
    EXPECT_EQ(r.typeName(), "Int16");
    EXPECT_EQ(r.values(), (Strings {"1", "-2", "3"}));
    r = call("if", {column("Nullable(UInt8)", {Field(), UInt64(1)}), constant("String", "yes", 2), constant("String", "no", 2)});
    EXPECT_EQ(r.values(), (Strings {"'no'", "'yes'"}));
    r = call("multiIf", {column("UInt8", {UInt64(1), UInt64(0), UInt64(0)}), constant("String", "a", 3),
                         column("UInt8", {UInt64(1), UInt64(1), UInt64(0)}), constant("String", "b", 3), constant("String", "c", 3)});
    EXPECT_EQ(r.values(), (Strings {"'a'", "'b'", "'c'"}));
    r = call("if", {cond, column("UInt8", {UInt64(1), UInt64(2), UInt64(3)}), constant("Nullable(Nothing)", Field(), 3)});
    EXPECT_EQ(r.typeName(), "Nullable(UInt8)");
    EXPECT_EQ(r.values(), (Strings {"1", "NULL", "3"}));
    EXPECT_EQ(errorOf(
                  [] {
                      call("if", {column("String", {"x"}), column("UInt8", {UInt64(1)}), column("UInt8", {UInt64(1)})});
                  }),
              ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT);
    EXPECT_EQ(errorOf(
                  [] {
                      call("if", {column("UInt8", {UInt64(1)}), column("String", {"a"}), column("UInt8", {UInt64(1)})});
                  }),
              ErrorCode::NO_COMMON_TYPE);
}

TEST(FunctionsNull, IsNullCoalesceIfNull)
{
    auto n = column("Nullable(Int32)", {Int64(1), Field()});
    EXPECT_EQ(call("isNull", {n}).values(), (Strings {"0", "1"}));
    EXPECT_EQ(call("isNotNull", {n}).values(), (Strings {"1", "0"}));
    EXPECT_EQ(call("isNull", {column("Int32", {Int64(1)})}).values(), (Strings {"0"}));
    auto r = call("coalesce", {n, constant("UInt8", UInt64(7), 2)});
    EXPECT_EQ(r.typeName(), "Int32");
    EXPECT_EQ(r.values(), (Strings {"1", "7"}));
    r = call("ifNull", {n, column("Nullable(Int32)", {Field(), Field()})});
    EXPECT_EQ(r.typeName(), "Nullable(Int32)");
    EXPECT_EQ(r.values(), (Strings {"1", "NULL"}));
    EXPECT_EQ(call("assumeNotNull", {n}).typeName(), "Int32");
}

TEST(FunctionsConversion, CastAndToType)
{
    EXPECT_EQ(call("toUInt8", {column("Int32", {Int64(300), Int64(-1)})}).values(), (Strings {"44", "255"}));
    EXPECT_EQ(call("toInt32", {column("Float64", {1.9, -1.9, 1e30})}).values(), (Strings {"1", "-1", "0"}));
    EXPECT_EQ(call("toString", {column("Int32", {Int64(-5)})}).values(), (Strings {"'-5'"}));
    EXPECT_EQ(call("toUInt64", {column("String", {"42"})}).values(), (Strings {"42"}));
    EXPECT_NE(errorOf([] { call("toUInt64", {column("String", {"4x2"})}); }), ErrorCode::OK);
    auto r = call("CAST", {column("String", {"2024-03-01"}), constant("String", "Date", 1)});
    EXPECT_EQ(r.typeName(), "Date");
    EXPECT_EQ(r.values(), (Strings {"19783"}));
    r = call("CAST", {column("Nullable(String)", {"1", Field()}), constant("String", "Nullable(Int64)", 2)});
    EXPECT_EQ(r.values(), (Strings {"1", "NULL"}));
    EXPECT_EQ(errorOf(
                  [] {
                      call("CAST", {column("Nullable(Int32)", {Field()}), constant("String", "Int32", 1)});
                  }),
              ErrorCode::CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN);
    EXPECT_EQ(errorOf(
                  [] {
                      call("CAST", {column("Int32", {Int64(1)}), column("String", {"Int64"})});
                  }),
              ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT);
    EXPECT_EQ(call("toDate", {column("DateTime('UTC')", {UInt64(1709251200 + 86399)})}).values(), (Strings {"19783"}));
    EXPECT_EQ(call("toDateTime", {column("Date", {UInt64(19783)})}).values(), (Strings {"1709251200"}));
    EXPECT_EQ(call("toDate", {column("UInt32", {UInt64(1709251200)})}).values(), (Strings {"19783"}));
    EXPECT_EQ(call("toDateTime", {column("String", {"2024-03-01 10:00:00"}), constant("String", "Asia/Tokyo", 1)}).typeName(),
              "DateTime('Asia/Tokyo')");
    EXPECT_EQ(call("toDecimal64", {column("Float64", {1.25}), constant("UInt8", UInt64(2), 1)}).typeName(), "Decimal(18, 2)");
    auto monotonic = FunctionRegistry::instance().get("toDate");
    monotonic->getReturnType(DataTypes {parseDataType("DateTime")});
    EXPECT_TRUE(monotonic->getMonotonicityForRange(*parseDataType("DateTime"), Field(), Field()).is_monotonic);
}

TEST(FunctionsDateTime, Components)
{
    auto ts = column("DateTime('UTC')", {UInt64(1709288130)}); /// 2024-03-01 10:15:30 UTC (Friday)
    EXPECT_EQ(call("toYear", {ts}).values(), (Strings {"2024"}));
    EXPECT_EQ(call("toMonth", {ts}).values(), (Strings {"3"}));
    EXPECT_EQ(call("toDayOfMonth", {ts}).values(), (Strings {"1"}));
    EXPECT_EQ(call("toHour", {ts}).values(), (Strings {"10"}));
    EXPECT_EQ(call("toMinute", {ts}).values(), (Strings {"15"}));
    EXPECT_EQ(call("toSecond", {ts}).values(), (Strings {"30"}));
    EXPECT_EQ(call("toDayOfWeek", {ts}).values(), (Strings {"5"}));
    EXPECT_EQ(call("toYYYYMM", {ts}).values(), (Strings {"202403"}));
    EXPECT_EQ(call("toYYYYMMDD", {ts}).values(), (Strings {"20240301"}));
    EXPECT_EQ(call("toStartOfHour", {ts}).values(), (Strings {"1709287200"}));
    EXPECT_EQ(call("toStartOfDay", {ts}).values(), (Strings {"1709251200"}));
    EXPECT_EQ(call("toStartOfMonth", {ts}).values(), (Strings {"19783"}));
    EXPECT_EQ(call("toMonday", {ts}).values(), (Strings {"19779"}));
    EXPECT_EQ(call("toUnixTimestamp", {ts}).values(), (Strings {"1709288130"}));
    EXPECT_EQ(call("toHour", {ts, constant("String", "Asia/Tokyo", 1)}).values(), (Strings {"19"}));
    EXPECT_EQ(call("toYear", {column("Date", {UInt64(0)})}).values(), (Strings {"1970"}));
    EXPECT_EQ(errorOf([] { call("toHour", {column("Date", {UInt64(0)})}); }), ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT);
    EXPECT_EQ(errorOf([] { call("toYear", {column("String", {"x"})}); }), ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT);

    auto minute = FunctionRegistry::instance().get("toIntervalMinute");
    ColumnsWithTypeAndName five = {constant("UInt8", UInt64(5), 1)};
    auto interval_type = minute->getReturnType(five);
    ColumnWithTypeAndName interval {minute->execute(five, interval_type, 1), interval_type, "i"};
    EXPECT_EQ(call("toStartOfInterval", {ts, interval}).values(), (Strings {"1709288100"}));

    auto to_hour = FunctionRegistry::instance().get("toHour");
    to_hour->getReturnType(DataTypes {parseDataType("DateTime('UTC')")});
    EXPECT_TRUE(to_hour->getMonotonicityForRange(*parseDataType("DateTime('UTC')"), Field(UInt64(1709288130)), Field(UInt64(1709288200)))
                    .is_monotonic);
    EXPECT_FALSE(to_hour->getMonotonicityForRange(*parseDataType("DateTime('UTC')"), Field(UInt64(1709288130)), Field(UInt64(1709388200)))
                     .is_monotonic);
}

TEST(FunctionsString, Basics)
{
    auto s = column("String", {"Hello", "", "abc"});
    EXPECT_EQ(call("length", {s}).values(), (Strings {"5", "0", "3"}));
    EXPECT_EQ(call("empty", {s}).values(), (Strings {"0", "1", "0"}));
    EXPECT_EQ(call("notEmpty", {s}).values(), (Strings {"1", "0", "1"}));
    EXPECT_EQ(call("upper", {s}).values(), (Strings {"'HELLO'", "''", "'ABC'"}));
    EXPECT_EQ(call("lower", {s}).values(), (Strings {"'hello'", "''", "'abc'"}));
    EXPECT_EQ(call("concat", {s, constant("String", "!", 3), column("UInt8", {UInt64(1), UInt64(2), UInt64(3)})}).values(),
              (Strings {"'Hello!1'", "'!2'", "'abc!3'"}));
    EXPECT_EQ(call("substring", {s, constant("Int8", Int64(2), 3), constant("UInt8", UInt64(2), 3)}).values(),
              (Strings {"'el'", "''", "'bc'"}));
    EXPECT_EQ(call("substring", {s, constant("Int8", Int64(-2), 3)}).values(), (Strings {"'lo'", "''", "'bc'"}));
    EXPECT_EQ(call("startsWith", {s, constant("String", "He", 3)}).values(), (Strings {"1", "0", "0"}));
    EXPECT_EQ(call("endsWith", {s, constant("String", "c", 3)}).values(), (Strings {"0", "0", "1"}));
    EXPECT_EQ(call("position", {s, constant("String", "l", 3)}).values(), (Strings {"3", "0", "0"}));
    EXPECT_EQ(errorOf([] { call("length", {column("UInt8", {UInt64(1)})}); }), ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT);
}

TEST(FunctionsString, Like)
{
    auto s = column("String", {"hello", "Hello world", "h_llo", "x\nhello"});
    EXPECT_EQ(call("like", {s, constant("String", "h%o", 4)}).values(), (Strings {"1", "0", "1", "0"}));
    EXPECT_EQ(call("like", {s, constant("String", "%world", 4)}).values(), (Strings {"0", "1", "0", "0"}));
    EXPECT_EQ(call("like", {s, constant("String", "%hello%", 4)}).values(), (Strings {"1", "0", "0", "1"}));
    EXPECT_EQ(call("like", {s, constant("String", "h\\_llo", 4)}).values(), (Strings {"0", "0", "1", "0"}));
    EXPECT_EQ(call("like", {s, constant("String", "h_llo", 4)}).values(), (Strings {"1", "0", "1", "0"}));
    EXPECT_EQ(call("ilike", {s, constant("String", "hello%", 4)}).values(), (Strings {"1", "1", "0", "0"}));
    EXPECT_EQ(call("notLike", {s, constant("String", "%.%", 4)}).values(), (Strings {"1", "1", "1", "1"}));
    EXPECT_EQ(call("like", {s, column("String", {"hello", "H%", "%", "x%"})}).values(), (Strings {"1", "1", "1", "1"}));
}

TEST(FunctionsIn, SetsAndNulls)
{
    auto x = column("Nullable(UInt8)", {UInt64(1), UInt64(2), Field(), UInt64(200)});
    auto set = constant("Tuple(UInt8, UInt16, Nullable(Nothing))", FieldTuple {{UInt64(1), UInt64(300), Field()}}, 4);
    EXPECT_EQ(call("in", {x, set}).values(), (Strings {"1", "0", "0", "0"}));
    EXPECT_EQ(call("notIn", {x, set}).values(), (Strings {"0", "1", "0", "1"}));
    auto s = column("String", {"a", "b"});
    EXPECT_EQ(call("in", {s, constant("String", "b", 2)}).values(), (Strings {"0", "1"}));
    auto d = column("Date", {UInt64(19783), UInt64(19784)});
    EXPECT_EQ(call("in", {d, constant("Tuple(String, String)", FieldTuple {{"2024-03-02", "2024-04-01"}}, 2)}).values(),
              (Strings {"0", "1"}));
    FieldTuple many;
    for (UInt64 i = 0; i < 100; i += 2)
        many.values.push_back(i);
    auto numbers = column("UInt64", {UInt64(4), UInt64(5), UInt64(98)});
    auto type = dataTypeOfField(Field(many));
    EXPECT_EQ(call("in", {numbers, {createConstColumn(type, Field(many), 3), type, "s"}}).values(), (Strings {"1", "0", "1"}));
}

TEST(FunctionsTuple, TupleArray)
{
    auto r = call("tuple", {column("UInt8", {UInt64(1)}), column("String", {"a"})});
    EXPECT_EQ(r.typeName(), "Tuple(UInt8, String)");
    EXPECT_EQ(r.values(), (Strings {"(1, 'a')"}));
    r = call("array", {column("UInt8", {UInt64(1)}), column("Int16", {Int64(-2)})});
    EXPECT_EQ(r.typeName(), "Array(Int16)");
    EXPECT_EQ(r.values(), (Strings {"[1, -2]"}));
    EXPECT_EQ(call("arrayElement",
                   {r.column ? ColumnWithTypeAndName {r.column, r.type, "a"} : ColumnWithTypeAndName {}, constant("Int8", Int64(-1), 1)})
                  .values(),
              (Strings {"-2"}));
    EXPECT_EQ(dataTypeOfField(Field(UInt64(300)))->getName(), "UInt16");
    EXPECT_EQ(dataTypeOfField(Field(Int64(-1)))->getName(), "Int8");
    EXPECT_EQ(dataTypeOfField(Field(FieldArray {{UInt64(1), Int64(-1)}}))->getName(), "Array(Int16)");
}

TEST(FunctionsLowCardinality, ArgumentsAreMaterialised)
{
    auto lc = column("LowCardinality(String)", {"a", "b", "a"});
    auto r = call("equals", {lc, constant("String", "a", 3)});
    EXPECT_EQ(r.values(), (Strings {"1", "0", "1"}));
    EXPECT_EQ(call("length", {lc}).values(), (Strings {"1", "1", "1"}));
    auto n = column("LowCardinality(Nullable(String))", {"a", Field()});
    EXPECT_EQ(call("isNull", {n}).values(), (Strings {"0", "1"}));
}

TEST(FunctionsRounding, RoundFloorCeilGreatestLeast)
{
    auto f = column("Float64", {2.5, 3.5, -2.5, 1.2345});
    EXPECT_EQ(call("round", {f}).values(), (Strings {"2", "4", "-2", "1"}));
    EXPECT_EQ(call("floor", {f}).values(), (Strings {"2", "3", "-3", "1"}));
    EXPECT_EQ(call("ceil", {f}).values(), (Strings {"3", "4", "-2", "2"}));
    EXPECT_EQ(call("round", {f, constant("UInt8", UInt64(2), 4)}).values()[3], "1.23");
    auto i = column("Int32", {Int64(1234), Int64(-1250), Int64(1250)});
    EXPECT_EQ(call("round", {i, constant("Int8", Int64(-2), 3)}).values(), (Strings {"1200", "-1300", "1300"}));
    EXPECT_EQ(call("floor", {i, constant("Int8", Int64(-2), 3)}).values(), (Strings {"1200", "-1300", "1200"}));
    EXPECT_EQ(call("round", {i}).typeName(), "Int32");
    auto g = call("greatest", {column("UInt8", {UInt64(1), UInt64(5)}), column("Float64", {2.5, -1.0})});
    EXPECT_EQ(g.typeName(), "Float64");
    EXPECT_EQ(g.values(), (Strings {"2.5", "5"}));
    EXPECT_EQ(call("least", {column("String", {"b", "a"}), constant("String", "ab", 2)}).values(), (Strings {"'ab'", "'a'"}));
    EXPECT_EQ(errorOf([] { call("round", {column("String", {"x"})}); }), ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT);
}
