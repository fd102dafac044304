#include "engine/planner/KeyCondition.h"
#include "engine/columns/ColumnLowCardinality.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/columns/ColumnString.h"
#include "engine/columns/ColumnVector.h"
#include "engine/sql/Parser.h"
#include "engine/types/IDataType.h"

#include <gtest/gtest.h>

#include <random>

using namespace pipit;

/// KeyCondition::prepareRanges (key values compared in place) must answer exactly as the Field path
/// (mayBeTrueInRange over Field vectors, the reference).

namespace
{

Block header()
{
    Block h;
    h.insert({nullptr, parseDataType("DateTime('UTC')"), "ts"});
    h.insert({nullptr, parseDataType("UInt64"), "x"});
    h.insert({nullptr, parseDataType("String"), "s"});
    h.insert({nullptr, parseDataType("Nullable(String)"), "ns"});
    h.insert({nullptr, parseDataType("LowCardinality(String)"), "ls"});
    h.insert({nullptr, parseDataType("LowCardinality(Nullable(String))"), "lns"});
    h.insert({nullptr, parseDataType("Int32"), "i"});
    return h;
}

KeyCondition condition(const std::string & where, const std::vector<std::string> & key)
{
    ASTs sort_key;
    for (const auto & k : key)
        sort_key.push_back(parseExpression(k));
    return KeyCondition(parseExpression(where), header(), sort_key, nullptr, {"t"});
}

/// A column of `type` holding `values` (Null Fields for NULL).
ColumnPtr column(const std::string & type, const std::vector<Field> & values)
{
    auto result = parseDataType(type)->createColumn();
    for (const auto & value : values)
        result->insert(value);
    return result;
}

/// Every (left, right) row pair of `columns` gives the same answer both ways.
void expectSameAnswers(const KeyCondition & c, const Columns & columns, const std::string & label)
{
    auto checker = c.prepareRanges(columns);
    const size_t rows = columns.front()->size();
    for (size_t l = 0; l < rows; ++l)
        for (size_t r = 0; r < rows; ++r)
        {
            std::vector<Field> left;
            std::vector<Field> right;
            for (const auto & col : columns)
            {
                left.push_back((*col)[l]);
                right.push_back((*col)[r]);
            }
            EXPECT_EQ(checker->mayBeTrueInRange(l, r), c.mayBeTrueInRange(left, right)) << label << " rows " << l << ", " << r;
        }
}

const std::vector<Field> strings = {Field(""), Field("a"), Field("ab"), Field("b"), Field("b"), Field("ba"), Field("c"), Field("zz")};

} // namespace

TEST(KeyConditionPrepared, StringKeyAnswersAsFields)
{
    const Columns columns = {column("String", strings)};
    for (const std::string where : {"s = 'b'", "s != 'b'", "s < 'b'", "s <= 'b'", "s > 'b'", "s >= 'ab'", "s IN ('a', 'ba', 'q')", "s = ''",
                                    "NOT (s = 'b')", "s = 'b' OR s = 'zz'", "s >= 'a' AND s < 'c'", "s = 'b' AND x = 1", "s LIKE 'b%'"})
        expectSameAnswers(condition(where, {"s"}), columns, where);
}

TEST(KeyConditionPrepared, PointLookupPrunesInPlace)
{
    const Columns columns = {column("String", strings)};
    auto c = condition("s = 'b'", {"s"});
    auto checker = c.prepareRanges(columns);
    EXPECT_FALSE(checker->mayBeTrueInRange(0, 2)); /// ['', 'ab']
    EXPECT_TRUE(checker->mayBeTrueInRange(2, 3));  /// ['ab', 'b']
    EXPECT_TRUE(checker->mayBeTrueInRange(3, 4));  /// ['b', 'b']
    EXPECT_FALSE(checker->mayBeTrueInRange(5, 7)); /// ['ba', 'zz']
    EXPECT_TRUE(checker->mayBeTrueInRange(0, 7));
    /// A reversed range (right below left) is answered as the Field path does.
    std::vector<Field> left = {strings[6]};
    std::vector<Field> right = {strings[1]};
    EXPECT_EQ(checker->mayBeTrueInRange(6, 1), c.mayBeTrueInRange(left, right));
}

TEST(KeyConditionPrepared, NullableAndLowCardinalityKeys)
{
    std::vector<Field> with_nulls = {Field(), Field("a"), Field("b"), Field(), Field("b"), Field("c")};
    for (const std::string type : {"Nullable(String)", "LowCardinality(String)", "LowCardinality(Nullable(String))"})
    {
        const bool nullable = type.find("Nullable") != std::string::npos;
        const std::string name = type == "Nullable(String)" ? "ns" : nullable ? "lns" : "ls";
        const Columns columns = {column(type, nullable ? with_nulls : strings)};
        for (const std::string op : {" = 'b'", " != 'b'", " < 'b'", " > 'a'", " IN ('a', 'c')"})
            expectSameAnswers(condition(name + op, {name}), columns, type + op);
    }
    /// A NULL bound is unbounded: [NULL, 'a'] may hold 'b'... only if unbounded on the left is below 'b'.
    const Columns columns = {column("Nullable(String)", with_nulls)};
    auto c = condition("ns = 'b'", {"ns"});
    auto checker = c.prepareRanges(columns);
    EXPECT_TRUE(checker->mayBeTrueInRange(0, 5));
    EXPECT_FALSE(checker->mayBeTrueInRange(1, 1));
}

TEST(KeyConditionPrepared, CompositeKeysAndNumbers)
{
    /// (s, x): x is bounded only while s is equal at both ends.
    const Columns columns = {column("String", {Field("a"), Field("a"), Field("b"), Field("b"), Field("c")}),
                             column("UInt64", {Field(UInt64(1)), Field(UInt64(9)), Field(UInt64(3)), Field(UInt64(7)), Field(UInt64(0))})};
    for (const std::string where :
         {"x = 5", "s = 'b' AND x = 5", "s = 'b' AND x > 3", "x IN (1, 7)", "x != 3", "s = 'a' OR x < 2", "x = -1", "x = 1.5", "x >= 300"})
        expectSameAnswers(condition(where, {"s", "x"}), columns, where);
    auto c = condition("s = 'b' AND x = 5", {"s", "x"});
    auto checker = c.prepareRanges(columns);
    EXPECT_TRUE(checker->mayBeTrueInRange(2, 3));
    EXPECT_FALSE(checker->mayBeTrueInRange(0, 1));

    const Columns signed_key = {column("Int32", {Field(Int64(-5)), Field(Int64(-1)), Field(Int64(0)), Field(Int64(4))})};
    for (const std::string where : {"i = -1", "i < 0", "i > -3", "i IN (-5, 4)", "i != 0"})
        expectSameAnswers(condition(where, {"i"}), signed_key, where);
}

TEST(KeyConditionPrepared, MonotonicWrappers)
{
    /// DateTime key read through toDate / toStartOfHour (a chain: bounds materialised) and a toDate(ts) key with a
    /// condition on ts (constants mapped through the key: compared in place).
    const std::vector<Field> times = {Field(UInt64(1709251200)), Field(UInt64(1709254799)), Field(UInt64(1709254800)),
                                      Field(UInt64(1709337599)), Field(UInt64(1709337600)), Field(UInt64(1709424000))};
    const Columns ts = {column("DateTime('UTC')", times)};
    for (const std::string where : {"toDate(ts) = '2024-03-02'", "toStartOfHour(ts) = toDateTime('2024-03-01 01:00:00', 'UTC')",
                                    "ts >= '2024-03-02 00:00:00'", "toHour(ts) = 3"})
        expectSameAnswers(condition(where, {"ts"}), ts, where);
    const Columns dates = {column("Date", {Field(UInt64(19700)), Field(UInt64(19783)), Field(UInt64(19784)), Field(UInt64(19790))})};
    for (const std::string where : {"ts >= '2024-03-02 10:00:00'", "ts < '2024-03-02 00:00:00'", "toDate(ts) = '2024-03-01'"})
        expectSameAnswers(condition(where, {"toDate(ts)"}), dates, where);
}

TEST(KeyConditionPrepared, EmptyAndUnusableConditions)
{
    const Columns columns = {column("String", strings)};
    /// No usable atom: every range may match.
    auto unknown = condition("x = 1", {"s"});
    EXPECT_FALSE(unknown.isUseful());
    EXPECT_TRUE(unknown.prepareRanges(columns)->mayBeTrueInRange(0, 7));
    /// Atoms are checked one by one (conservative): a contradiction prunes only ranges one of its atoms rules out.
    auto never = condition("s = 'a' AND s = 'b'", {"s"});
    auto checker = never.prepareRanges(columns);
    EXPECT_TRUE(checker->mayBeTrueInRange(0, 7));
    EXPECT_FALSE(checker->mayBeTrueInRange(3, 4));
    expectSameAnswers(never, columns, "contradiction");
    /// Key columns with no rows: nothing to check, preparing must not read them.
    const Columns empty = {column("String", {})};
    EXPECT_NO_THROW(condition("s = 'a'", {"s"}).prepareRanges(empty));
}

TEST(KeyConditionPrepared, RandomisedAgainstFields)
{
    std::mt19937 rng(7);
    const std::vector<std::string> values = {"", "a", "aa", "ab", "b", "ba", "bb", "c"};
    for (int round = 0; round < 20; ++round)
    {
        auto s = ColumnString::create();
        auto x = ColumnUInt64::create();
        for (int i = 0; i < 12; ++i)
        {
            const std::string & value = values[rng() % values.size()];
            s->insertData(value.data(), value.size());
            x->getData().push_back(rng() % 6);
        }
        const Columns columns = {s, x};
        const std::string a = values[rng() % values.size()];
        const std::string b = values[rng() % values.size()];
        const std::string n = std::to_string(rng() % 6);
        const std::vector<std::string> conditions = {"s = '" + a + "' AND x = " + n, "s >= '" + a + "' AND s <= '" + b + "'",
                                                     "s IN ('" + a + "', '" + b + "') OR x > " + n,
                                                     "NOT (s = '" + a + "' AND x != " + n + ")"};
        for (const auto & where : conditions)
            expectSameAnswers(condition(where, {"s", "x"}), columns, where);
    }
}
