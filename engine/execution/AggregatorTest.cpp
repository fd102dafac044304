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
            else if (value.which() == Field::Which::String)
                key.push_back(value.get<std::string>());
            else
                key.push_back(value.dump());
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

namespace
{

/// Column of `type` (a number type) with `values`.
ColumnPtr makeNumberColumn(const DataTypePtr & type, const std::vector<UInt64> & values)
{
    auto column = type->createColumn();
    for (UInt64 value : values)
        column->insert(Field(value));
    return column;
}

/// Aggregators over `key_types` (String keys get "s<v>", number keys v) with two-level threshold
/// `threshold`, fed `blocks` blocks of `rows_per_block` rows of `distinct` keys round-robin; the
/// expected groups, with each key rendered as resultOf does.
struct TwoLevelCase
{
    std::vector<std::string> key_names;
    DataTypes key_types;
    std::vector<std::unique_ptr<Aggregator>> aggregators;
    Groups expected;

    TwoLevelCase(const std::vector<std::string> & type_names, size_t streams, size_t threshold)
    {
        for (size_t k = 0; k < type_names.size(); ++k)
        {
            key_names.push_back("k" + std::to_string(k));
            key_types.push_back(DataTypeFactory::parse(type_names[k]));
        }
        for (size_t s = 0; s < streams; ++s)
        {
            aggregators.push_back(makeAggregator(key_names, key_types));
            aggregators.back()->setTwoLevelThreshold(threshold);
        }
    }

    /// One block of `rows` rows into aggregator `stream`, keys drawn from [0, distinct).
    void feed(size_t stream, size_t rows, size_t distinct, std::mt19937 & random)
    {
        std::vector<std::vector<UInt64>> key_values(key_types.size());
        std::vector<UInt64> x;
        for (size_t i = 0; i < rows; ++i)
        {
            UInt64 v = random() % distinct;
            Key key;
            for (size_t k = 0; k < key_types.size(); ++k)
            {
                UInt64 value = v * (k + 1);
                key_values[k].push_back(value);
                if (key_types[k]->getTypeId() == TypeIndex::String)
                    key.push_back("s" + std::to_string(value));
                else
                    key.push_back(Field(value).dump());
            }
            UInt64 xv = random() % 1000;
            x.push_back(xv);
            ++expected[key].first;
            expected[key].second += xv;
        }
        Block block;
        for (size_t k = 0; k < key_types.size(); ++k)
        {
            if (key_types[k]->getTypeId() == TypeIndex::String)
            {
                std::vector<std::optional<std::string>> strings;
                for (UInt64 value : key_values[k])
                    strings.push_back("s" + std::to_string(value));
                block.insert({makeKeyColumn(key_types[k], strings), key_types[k], key_names[k]});
            }
            else
                block.insert({makeNumberColumn(key_types[k], key_values[k]), key_types[k], key_names[k]});
        }
        auto xs = ColumnUInt64::create();
        for (UInt64 value : x)
            xs->getData().push_back(value);
        block.insert({std::move(xs), DataTypeFactory::parse("UInt64"), "x"});
        aggregators[stream]->add(block, rows);
    }
};

Groups resultOfBlocks(const std::vector<Block> & blocks, size_t key_count)
{
    Groups groups;
    for (const auto & block : blocks)
    {
        for (size_t i = 0; i < block.rows(); ++i)
        {
            Key key;
            for (size_t k = 0; k < key_count; ++k)
            {
                Field value = (*block.getByPosition(k).column)[i];
                key.push_back(value.which() == Field::Which::String ? value.get<std::string>() : value.dump());
            }
            UInt64 count = (*block.getByPosition(key_count).column)[i].get<UInt64>();
            UInt64 sum = (*block.getByPosition(key_count + 1).column)[i].get<UInt64>();
            EXPECT_TRUE(groups.emplace(key, std::make_pair(count, sum)).second) << "duplicate group";
        }
    }
    return groups;
}

} // namespace

TEST(Aggregator, TwoLevelConversionMidAggregation)
{
    /// String, Packed64, Packed128 and Serialized: the table splits while blocks keep coming, and
    /// groups found before and after the split are merged into the same places.
    std::vector<std::vector<std::string>> cases {{"String"}, {"UInt32"}, {"UInt64", "UInt64"}, {"String", "UInt64"}};
    std::vector<Aggregator::Method> methods {Aggregator::Method::String, Aggregator::Method::Packed64, Aggregator::Method::Packed128,
                                             Aggregator::Method::Serialized};
    for (size_t c = 0; c < cases.size(); ++c)
    {
        TwoLevelCase test(cases[c], 1, 300);
        auto & aggregator = *test.aggregators[0];
        ASSERT_EQ(aggregator.method(), methods[c]);
        ASSERT_TRUE(aggregator.supportsTwoLevel());
        std::mt19937 random(static_cast<UInt32>(c + 11));
        test.feed(0, 200, 1000, random);
        EXPECT_FALSE(aggregator.isTwoLevel()) << c;
        for (size_t b = 0; b < 10; ++b)
            test.feed(0, 500, 1000, random);
        EXPECT_TRUE(aggregator.isTwoLevel()) << c;
        EXPECT_EQ(aggregator.groups(), test.expected.size()) << c;
        EXPECT_EQ(resultOf(aggregator, cases[c].size()), test.expected) << c;
        EXPECT_EQ(resultOfBlocks(aggregator.finishBlocks(2), cases[c].size()), test.expected) << c;
        EXPECT_EQ(resultOfBlocks(aggregator.finishBlocks(3), cases[c].size()), test.expected) << c;
    }
}

TEST(Aggregator, TwoLevelNotUsedForDirectAndLowCardinality)
{
    for (const char * type : {"UInt16", "LowCardinality(String)"})
    {
        auto aggregator = makeAggregator({"k"}, {DataTypeFactory::parse(type)});
        EXPECT_FALSE(aggregator->supportsTwoLevel()) << type;
    }
    checkRandom({DataTypeFactory::parse("LowCardinality(String)")}, 10, 1000, 5000, false, 2, 21);
}

TEST(Aggregator, TwoLevelMergeParallelMixedLevels)
{
    /// Streams of which some went two-level and some did not, merged by mergeParallel on 1, 2 and 4
    /// threads, and by plain merge().
    for (const auto & types : std::vector<std::vector<std::string>> {{"String"}, {"UInt64"}, {"UInt64", "UInt32"}, {"String", "UInt16"}})
    {
        for (size_t threads : {1, 2, 4, 0})
        {
            TwoLevelCase test(types, 4, 400);
            std::mt19937 random(static_cast<UInt32>(threads + 100));
            /// Streams 0 and 2 see many keys (two-level), 1 and 3 few (single-level); 3 none at all.
            for (size_t b = 0; b < 6; ++b)
            {
                test.feed(0, 400, 3000, random);
                test.feed(2, 400, 3000, random);
            }
            test.feed(1, 300, 100, random);
            EXPECT_TRUE(test.aggregators[0]->isTwoLevel());
            EXPECT_FALSE(test.aggregators[1]->isTwoLevel());
            EXPECT_FALSE(test.aggregators[3]->isTwoLevel());
            if (threads == 0)
            {
                for (size_t s = 1; s < 4; ++s)
                    test.aggregators[0]->merge(*test.aggregators[s]);
            }
            else
                Aggregator::mergeParallel(test.aggregators, threads);
            EXPECT_EQ(test.aggregators[0]->groups(), test.expected.size());
            EXPECT_EQ(resultOfBlocks(test.aggregators[0]->finishBlocks(std::max<size_t>(threads, 1)), types.size()), test.expected);
        }
    }
}

TEST(Aggregator, TwoLevelMergeParallelSingleLevelSmall)
{
    /// Few groups in total: mergeParallel merges serially and stays single-level.
    TwoLevelCase test({"String"}, 3, 1000);
    std::mt19937 random(5);
    for (size_t s = 0; s < 3; ++s)
        test.feed(s, 200, 50, random);
    Aggregator::mergeParallel(test.aggregators, 2);
    EXPECT_FALSE(test.aggregators[0]->isTwoLevel());
    EXPECT_FALSE(test.aggregators[1]);
    EXPECT_EQ(resultOf(*test.aggregators[0], 1), test.expected);
    EXPECT_EQ(test.aggregators[0]->finishBlocks(2).size(), 1u);
}

TEST(Aggregator, TwoLevelMergeParallelSingleLevelsBecomeTwoLevel)
{
    /// Every stream below the threshold but the total above: the merge is two-level and parallel.
    TwoLevelCase test({"UInt64"}, 2, 1000);
    std::mt19937 random(6);
    for (size_t s = 0; s < 2; ++s)
        test.feed(s, 900, 100000, random);
    ASSERT_FALSE(test.aggregators[0]->isTwoLevel());
    Aggregator::mergeParallel(test.aggregators, 2);
    EXPECT_TRUE(test.aggregators[0]->isTwoLevel());
    EXPECT_EQ(resultOfBlocks(test.aggregators[0]->finishBlocks(2), 1), test.expected);
}

TEST(Aggregator, TwoLevelEmptyAndNoKeysMerge)
{
    TwoLevelCase test({"String"}, 2, 1);
    std::mt19937 random(7);
    test.feed(0, 10, 5, random);
    EXPECT_TRUE(test.aggregators[0]->isTwoLevel());
    /// An empty single-level stream merged into a two-level one.
    Aggregator::mergeParallel(test.aggregators, 2);
    EXPECT_EQ(resultOf(*test.aggregators[0], 1), test.expected);
    /// Without keys nothing is two-level and there is always one group.
    std::vector<std::unique_ptr<Aggregator>> no_keys;
    for (size_t s = 0; s < 3; ++s)
        no_keys.push_back(makeAggregator({}, {}));
    Aggregator::mergeParallel(no_keys, 2);
    EXPECT_EQ(no_keys[0]->groups(), 1u);
    EXPECT_EQ(no_keys[0]->finishBlocks(2).size(), 1u);
}

TEST(Aggregator, AddStatesMergesGroupsOfAnotherAggregator)
{
    /// Subtotals as GROUP BY modifiers compute them: the groups of a (two-level) aggregator merged by
    /// state into one group per key of a second aggregator, and into a keyless one (totals).
    TwoLevelCase test({"String", "UInt64"}, 1, 100);
    std::mt19937 random(9);
    for (size_t b = 0; b < 5; ++b)
        test.feed(0, 400, 500, random);
    auto & source = *test.aggregators[0];
    ASSERT_TRUE(source.isTwoLevel());
    Block finished = source.finish();
    auto places = source.placesInOutputOrder();
    ASSERT_EQ(places.size(), finished.rows());

    /// Keep k0 only: k1 becomes 0 everywhere.
    Block keys;
    keys.insert(finished.getByPosition(0));
    auto zeros = makeNumberColumn(test.key_types[1], std::vector<UInt64>(finished.rows(), 0));
    keys.insert({zeros, test.key_types[1], "k1"});
    auto rolled = makeAggregator(test.key_names, test.key_types);
    rolled->addStates(keys, finished.rows(), places.data());
    Groups expected;
    for (const auto & [key, value] : test.expected)
    {
        auto & group = expected[{key[0], std::string("0")}];
        group.first += value.first;
        group.second += value.second;
    }
    EXPECT_EQ(resultOf(*rolled, 2), expected);

    auto total = makeAggregator({}, {});
    total->addStates(Block(), places.size(), places.data());
    Block result = total->finish();
    UInt64 count = 0;
    UInt64 sum = 0;
    for (const auto & [key, value] : test.expected)
    {
        count += value.first;
        sum += value.second;
    }
    EXPECT_EQ((*result.getByPosition(0).column)[0].get<UInt64>(), count);
    EXPECT_EQ((*result.getByPosition(1).column)[0].get<UInt64>(), sum);
    /// The source is unchanged.
    EXPECT_EQ(resultOf(source, 2), test.expected);
}

TEST(Aggregator, SingleLevelFinishedInSlices)
{
    /// A single-level table of many groups is finished as parallel slices: every group once, for
    /// String, Packed64 and Serialized keys; few groups stay one block.
    for (const auto & types : std::vector<std::vector<std::string>> {{"String"}, {"UInt64"}, {"String", "UInt64"}})
    {
        TwoLevelCase test(types, 1, 0);
        std::mt19937 random(10);
        for (size_t b = 0; b < 6; ++b)
            test.feed(0, 40000, 1000000, random);
        auto & aggregator = *test.aggregators[0];
        ASSERT_FALSE(aggregator.isTwoLevel());
        ASSERT_GE(aggregator.groups(), Aggregator::kParallelFinishRows);
        auto blocks = aggregator.finishBlocks(3);
        EXPECT_EQ(blocks.size(), 3u);
        EXPECT_EQ(resultOfBlocks(blocks, types.size()), test.expected);
        EXPECT_EQ(resultOfBlocks(aggregator.finishBlocks(1), types.size()), test.expected);
    }
    TwoLevelCase small({"String"}, 1, 0);
    std::mt19937 random(11);
    small.feed(0, 1000, 100, random);
    EXPECT_EQ(small.aggregators[0]->finishBlocks(4).size(), 1u);
}
