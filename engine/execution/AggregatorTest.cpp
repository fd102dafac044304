#include "engine/execution/Aggregator.h"

#include "engine/aggregates/AggregateFunctionFactory.h"
#include "engine/columns/ColumnLowCardinality.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/columns/ColumnString.h"
#include "engine/columns/ColumnVector.h"
#include "engine/types/DataTypeFactory.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <random>

using namespace pipit;

namespace
{

using Key = std::vector<std::optional<std::string>>;
/// Expected or actual result: per group key, (count(), sum(x)).
using Groups = std::map<Key, std::pair<UInt64, UInt64>>;

AggregateDescription describe(const std::string & name, const std::vector<std::string> & arguments, const DataTypes & argument_types)
{
    AggregateDescription description;
    description.function = name;
    description.function_ptr = AggregateFunctionFactory::instance().get(name, argument_types);
    description.column_name = name + "(" + (arguments.empty() ? "" : arguments[0]) + ")";
    description.arguments = arguments;
    description.argument_types = argument_types;
    description.result_type = description.function_ptr->getReturnType();
    return description;
}

/// count() and sum(x) grouped by `key_names` of `key_types`.
std::unique_ptr<Aggregator> makeAggregator(const std::vector<std::string> & key_names, const DataTypes & key_types)
{
    DataTypePtr uint64 = DataTypeFactory::parse("UInt64");
    return std::make_unique<Aggregator>(key_names, key_types,
                                        std::vector<AggregateDescription> {describe("count", {}, {}), describe("sum", {"x"}, {uint64})});
}

/// A key column of `type` holding `values` (nullopt = NULL), built value by value so that each
/// block gets its own dictionary (for LowCardinality) in first-seen order.
ColumnPtr makeKeyColumn(const DataTypePtr & type, const std::vector<std::optional<std::string>> & values)
{
    auto column = type->createColumn();
    for (const auto & value : values)
    {
        if (value)
            column->insertData(value->data(), value->size());
        else
            column->insertDefault();
    }
    return column;
}

Block makeBlock(const std::vector<std::string> & key_names, const DataTypes & key_types, const std::vector<Key> & rows,
                const std::vector<UInt64> & x)
{
    Block block;
    for (size_t k = 0; k < key_names.size(); ++k)
    {
        std::vector<std::optional<std::string>> values;
        for (const auto & row : rows)
            values.push_back(row[k]);
        block.insert({makeKeyColumn(key_types[k], values), key_types[k], key_names[k]});
    }
    auto xs = ColumnUInt64::create();
    for (UInt64 v : x)
        xs->getData().push_back(v);
    block.insert({std::move(xs), DataTypeFactory::parse("UInt64"), "x"});
    return block;
}

Groups resultOf(const Aggregator & aggregator, size_t key_count)
{
    Block result = aggregator.finish();
    Groups groups;
    for (size_t i = 0; i < result.rows(); ++i)
    {
        Key key;
        for (size_t k = 0; k < key_count; ++k)
        {
            Field value = (*result.getByPosition(k).column)[i];
            if (value.isNull())
                key.push_back(std::nullopt);
            else
                key.push_back(value.get<std::string>());
        }
        UInt64 count = (*result.getByPosition(key_count).column)[i].get<UInt64>();
        UInt64 sum = (*result.getByPosition(key_count + 1).column)[i].get<UInt64>();
        EXPECT_TRUE(groups.emplace(key, std::make_pair(count, sum)).second) << "duplicate group";
    }
    return groups;
}

/// Random blocks of `rows_per_block` rows over `distinct` values per key (value "" and NULL
/// included when `nullable`), fed to `streams` aggregators merged at the end; the result must match
/// a std::map reference.
void checkRandom(const DataTypes & key_types, size_t blocks, size_t rows_per_block, size_t distinct, bool nullable, size_t streams,
                 UInt32 seed)
{
    std::vector<std::string> key_names;
    for (size_t k = 0; k < key_types.size(); ++k)
        key_names.push_back("k" + std::to_string(k));
    std::vector<std::unique_ptr<Aggregator>> aggregators;
    for (size_t s = 0; s < streams; ++s)
        aggregators.push_back(makeAggregator(key_names, key_types));

    std::mt19937 random(seed);
    Groups expected;
    for (size_t b = 0; b < blocks; ++b)
    {
        std::vector<Key> rows;
        std::vector<UInt64> x;
        /// Each block draws from its own window of values, so dictionaries differ per block.
        size_t window = random() % distinct;
        for (size_t i = 0; i < rows_per_block; ++i)
        {
            Key key;
            for (size_t k = 0; k < key_types.size(); ++k)
            {
                size_t v = (window + random() % (distinct / 2 + 1)) % distinct;
                if (nullable && v == 0)
                    key.push_back(std::nullopt);
                else if (v == 1)
                    key.push_back(std::string());
                else
                    key.push_back("value_" + std::to_string(v * 7919 % 1000003));
            }
            UInt64 value = random() % 1000;
            auto & group = expected[key];
            ++group.first;
            group.second += value;
            rows.push_back(std::move(key));
            x.push_back(value);
        }
        aggregators[b % streams]->add(makeBlock(key_names, key_types, rows, x), rows.size());
    }
    for (size_t s = 1; s < streams; ++s)
        aggregators[0]->merge(*aggregators[s]);
    EXPECT_EQ(aggregators[0]->groups(), expected.size());
    EXPECT_EQ(resultOf(*aggregators[0], key_types.size()), expected);
}

} // namespace

TEST(Aggregator, MethodChoice)
{
    auto lc = DataTypeFactory::parse("LowCardinality(String)");
    EXPECT_EQ(makeAggregator({"k"}, {lc})->method(), Aggregator::Method::LowCardinality);
    EXPECT_EQ(makeAggregator({"k", "j"}, {lc, lc})->method(), Aggregator::Method::LowCardinality);
    EXPECT_EQ(makeAggregator({"k", "j", "l"}, {lc, lc, lc})->method(), Aggregator::Method::Serialized);
    EXPECT_EQ(makeAggregator({"k"}, {DataTypeFactory::parse("String")})->method(), Aggregator::Method::String);
    EXPECT_EQ(makeAggregator({"k"}, {DataTypeFactory::parse("UInt16")})->method(), Aggregator::Method::Packed16);
}

TEST(Aggregator, EmptyInput)
{
    for (const char * type : {"LowCardinality(String)", "String", "UInt16", "UInt64"})
    {
        auto aggregator = makeAggregator({"k"}, {DataTypeFactory::parse(type)});
        auto other = makeAggregator({"k"}, {DataTypeFactory::parse(type)});
        aggregator->merge(*other);
        EXPECT_EQ(aggregator->groups(), 0u) << type;
        EXPECT_EQ(aggregator->finish().rows(), 0u) << type;
    }
}

TEST(Aggregator, LowCardinalityDifferentDictionariesPerBlock)
{
    checkRandom({DataTypeFactory::parse("LowCardinality(String)")}, 20, 500, 300, false, 1, 1);
}

TEST(Aggregator, LowCardinalityNullableKey)
{
    checkRandom({DataTypeFactory::parse("LowCardinality(Nullable(String))")}, 20, 500, 50, true, 1, 2);
}

TEST(Aggregator, LowCardinalityTwoKeysFewPairs)
{
    auto lc = DataTypeFactory::parse("LowCardinality(String)");
    checkRandom({lc, lc}, 20, 400, 6, false, 1, 3);
}

TEST(Aggregator, LowCardinalityTwoKeysManyPairs)
{
    auto lc = DataTypeFactory::parse("LowCardinality(Nullable(String))");
    checkRandom({lc, lc}, 20, 2000, 200, true, 1, 4);
}

TEST(Aggregator, LowCardinalityMergeAcrossStreams)
{
    checkRandom({DataTypeFactory::parse("LowCardinality(Nullable(String))")}, 30, 300, 100, true, 3, 5);
    auto lc = DataTypeFactory::parse("LowCardinality(String)");
    checkRandom({lc, lc}, 30, 300, 40, false, 3, 6);
}

TEST(Aggregator, LowCardinalitySharedDictionaryAcrossBlocks)
{
    /// Two blocks cut from one column share its dictionary; the second uses a value the first does
    /// not, so the per-dictionary cache must resolve it on demand.
    auto type = DataTypeFactory::parse("LowCardinality(String)");
    ColumnPtr whole = makeKeyColumn(type, {"a", "b", "a", "c", "c", "d"});
    auto aggregator = makeAggregator({"k"}, {type});
    for (size_t start : {0, 3})
    {
        Block block;
        block.insert({whole->cut(start, 3), type, "k"});
        auto xs = ColumnUInt64::create();
        for (size_t i = 0; i < 3; ++i)
            xs->getData().push_back(start + i);
        block.insert({std::move(xs), DataTypeFactory::parse("UInt64"), "x"});
        aggregator->add(block, 3);
    }
    Groups expected {{{"a"}, {2, 2}}, {{"b"}, {1, 1}}, {{"c"}, {2, 7}}, {{"d"}, {1, 5}}};
    EXPECT_EQ(resultOf(*aggregator, 1), expected);
}

TEST(Aggregator, LowCardinalityPlainColumnForLowCardinalityType)
{
    /// A key typed LowCardinality but given as a plain column is encoded on the fly.
    auto type = DataTypeFactory::parse("LowCardinality(String)");
    auto aggregator = makeAggregator({"k"}, {type});
    Block block;
    block.insert({makeKeyColumn(DataTypeFactory::parse("String"), {"x", "y", "x"}), type, "k"});
    auto xs = ColumnUInt64::create();
    for (UInt64 v : {1, 2, 3})
        xs->getData().push_back(v);
    block.insert({std::move(xs), DataTypeFactory::parse("UInt64"), "x"});
    aggregator->add(block, 3);
    Groups expected {{{"x"}, {2, 4}}, {{"y"}, {1, 2}}};
    EXPECT_EQ(resultOf(*aggregator, 1), expected);
}

TEST(Aggregator, StringKeysManyGroupsMerged)
{
    checkRandom({DataTypeFactory::parse("String")}, 40, 5000, 150000, false, 2, 7);
}

TEST(Aggregator, NullableStringKeys)
{
    checkRandom({DataTypeFactory::parse("Nullable(String)")}, 10, 1000, 500, true, 2, 8);
}

TEST(Aggregator, GroupsInOrderOfFirstAppearance)
{
    auto type = DataTypeFactory::parse("LowCardinality(String)");
    auto aggregator = makeAggregator({"k"}, {type});
    Block block = makeBlock({"k"}, {type}, {{"z"}, {"a"}, {"z"}, {"m"}}, {1, 2, 3, 4});
    aggregator->add(block, 4);
    Block result = aggregator->finish();
    ASSERT_EQ(result.rows(), 3u);
    EXPECT_EQ((*result.getByPosition(0).column)[0].get<std::string>(), "z");
    EXPECT_EQ((*result.getByPosition(0).column)[1].get<std::string>(), "a");
    EXPECT_EQ((*result.getByPosition(0).column)[2].get<std::string>(), "m");
}

TEST(Aggregator, BytesEqualEverySizeAndPosition)
{
    for (size_t size = 0; size <= 40; ++size)
    {
        std::string a(size, 'x');
        for (size_t i = 0; i < size; ++i)
            a[i] = static_cast<char>('a' + i % 26);
        std::string b = a;
        EXPECT_TRUE(aggregationBytesEqual(a.data(), b.data(), size)) << size;
        for (size_t i = 0; i < size; ++i)
        {
            std::string c = a;
            c[i] = static_cast<char>(c[i] ^ 0x40);
            EXPECT_FALSE(aggregationBytesEqual(a.data(), c.data(), size)) << size << " " << i;
        }
    }
}

TEST(Aggregator, LowCardinalityDictionariesWithSamePrefix)
{
    /// Separate dictionary objects: equal, extended by a value, reordered, then Nullable ones.
    for (const char * type_name : {"LowCardinality(String)", "LowCardinality(Nullable(String))"})
    {
        auto type = DataTypeFactory::parse(type_name);
        auto aggregator = makeAggregator({"k"}, {type});
        std::vector<std::vector<Key>> blocks {
            {{"a"}, {"b"}, {"a"}}, {{"a"}, {"b"}}, {{"a"}, {"b"}, {"c"}}, {{"b"}, {"a"}, {""}}, {{"c"}, {"a"}}};
        Groups expected;
        UInt64 x = 0;
        for (const auto & rows : blocks)
        {
            std::vector<UInt64> xs;
            for (const auto & key : rows)
            {
                ++x;
                xs.push_back(x);
                ++expected[key].first;
                expected[key].second += x;
            }
            aggregator->add(makeBlock({"k"}, {type}, rows, xs), rows.size());
        }
        EXPECT_EQ(resultOf(*aggregator, 1), expected) << type_name;
    }
}
