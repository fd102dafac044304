#include "engine/columns/ColumnConst.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionRegistry.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

ColumnWithTypeAndName fixedStrings(size_t n, const std::vector<std::string> & values)
{
    auto type = parseDataType("FixedString(" + std::to_string(n) + ")");
    auto c = type->createColumn();
    for (const auto & v : values)
        c->insert(Field(v));
    return {std::move(c), type, "f"};
}

ColumnWithTypeAndName strings(const std::vector<std::string> & values)
{
    auto type = parseDataType("String");
    auto c = type->createColumn();
    for (const auto & v : values)
        c->insert(Field(v));
    return {std::move(c), type, "s"};
}

ColumnWithTypeAndName constantString(const std::string & value, size_t rows)
{
    auto type = parseDataType("String");
    return {createConstColumn(type, Field(value), rows), type, "k"};
}

std::vector<std::string> compare(const std::string & name, const ColumnsWithTypeAndName & arguments)
{
    auto function = FunctionRegistry::instance().get(name);
    ColumnsWithTypeAndName for_type = arguments;
    for (auto & a : for_type)
        if (a.column && !a.column->isConst())
            a.column = nullptr;
    auto type = function->getReturnType(for_type);
    auto column = function->execute(arguments, type, arguments[0].column->size());
    std::vector<std::string> res;
    for (size_t i = 0; i < column->size(); ++i)
        res.push_back((*column)[i].dump());
    return res;
}

using Strings = std::vector<std::string>;

} // namespace

/// As in ClickHouse, a FixedString compares with all of its N bytes and a String is not padded:
/// FixedString(4) 'ab\0\0' = 'ab' is false and 'ab\0\0' > 'ab'.
TEST(FunctionsComparison, FixedStringComparesAllBytes)
{
    const std::string padded("ab\0\0", 4);
    auto fixed = fixedStrings(4, {padded, "abcd"});
    EXPECT_EQ(compare("equals", {fixed, constantString("ab", 2)}), (Strings {"0", "0"}));
    EXPECT_EQ(compare("equals", {fixed, constantString(padded, 2)}), (Strings {"1", "0"}));
    EXPECT_EQ(compare("greater", {fixed, strings({"ab", "abcd"})}), (Strings {"1", "0"}));
    EXPECT_EQ(compare("notEquals", {constantString("abcd", 2), fixed}), (Strings {"1", "0"}));
    EXPECT_EQ(compare("less", {fixedStrings(2, {"ab"}), fixedStrings(3, {std::string("ab\0", 3)})}), (Strings {"1"}));
    EXPECT_EQ(compare("equals", {fixedStrings(2, {"ab"}), fixedStrings(2, {"ab"})}), (Strings {"1"}));
}

/// A String constant compared with a DateTime column is parsed in the column's time zone (ClickHouse's
/// convertFieldToType parses with the column type's own serialization): 12:00 Berlin on 2024-03-31 is 10:00 UTC.
TEST(FunctionsComparison, StringConstantParsedInColumnTimeZone)
{
    auto type = parseDataType("DateTime('Europe/Berlin')");
    auto c = type->createColumn();
    c->insert(Field(UInt64(1711881000))); /// 2024-03-31 12:30:00 Berlin (10:30 UTC)
    c->insert(Field(UInt64(1711888200))); /// 2024-03-31 14:30:00 Berlin (12:30 UTC)
    ColumnWithTypeAndName ts {std::move(c), type, "ts"};
    EXPECT_EQ(compare("greaterOrEquals", {ts, constantString("2024-03-31 12:00:00", 2)}), (Strings {"1", "1"}));
    EXPECT_EQ(compare("greaterOrEquals", {ts, constantString("2024-03-31 14:00:00", 2)}), (Strings {"0", "1"}));
    EXPECT_EQ(compare("equals", {constantString("2024-03-31 12:30:00", 2), ts}), (Strings {"1", "0"}));
}
