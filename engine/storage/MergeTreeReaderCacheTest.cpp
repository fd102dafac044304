#include "engine/storage/MergeTreeReaderCache.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnString.h"
#include "engine/columns/ColumnVector.h"
#include "engine/io/FileSystem.h"
#include "engine/storage/MergeTreePartReader.h"
#include "engine/storage/MergeTreeMerger.h"
#include "engine/storage/MergeTreePartWriter.h"
#include "engine/storage/StorageMergeTree.h"
#include "engine/storage/StorageTestExpressions.h"

#include <gtest/gtest.h>

/// GCC 12 reports a false maybe-uninitialized inside std::variant copies of nested Fields.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <thread>

using namespace pipit;

namespace
{

/// A part object that is never loaded from disk: the cache only uses its identity.
MergeTreeDataPartPtr fakePart()
{
    return std::make_shared<MergeTreeDataPart>();
}

/// `rows` UInt64 values, all equal to `value` (byteSize() = 8 * rows).
ColumnPtr numbers(size_t rows, UInt64 value)
{
    auto column = ColumnUInt64::create();
    for (size_t i = 0; i < rows; ++i)
        column->insert(Field(value));
    return column;
}

UInt64 firstValue(const ColumnPtr & column)
{
    return (*column)[0].toUInt64();
}

} // namespace

TEST(MergeTreeReaderCacheTest, MissThenHitReturnsTheCachedColumn)
{
    MergeTreeReaderCache cache(1 << 20, 1);
    auto part = fakePart();
    EXPECT_EQ(cache.get(part, 0, 0), nullptr);
    ColumnPtr column = numbers(10, 7);
    EXPECT_EQ(cache.put(part, 0, 0, column).get(), column.get());
    EXPECT_EQ(cache.get(part, 0, 0).get(), column.get());
    /// Other granules, columns and parts are other keys.
    EXPECT_EQ(cache.get(part, 0, 1), nullptr);
    EXPECT_EQ(cache.get(part, 1, 0), nullptr);
    EXPECT_EQ(cache.get(fakePart(), 0, 0), nullptr);
    auto stats = cache.stats();
    EXPECT_EQ(stats.hits, 1u);
    EXPECT_EQ(stats.misses, 4u);
    EXPECT_EQ(stats.entries, 1u);
    EXPECT_GE(stats.bytes, column->byteSize());
}

TEST(MergeTreeReaderCacheTest, PutKeepsTheEntryAlreadyCached)
{
    MergeTreeReaderCache cache(1 << 20, 1);
    auto part = fakePart();
    ColumnPtr first = numbers(10, 1);
    ColumnPtr second = numbers(10, 2);
    cache.put(part, 0, 3, first);
    EXPECT_EQ(cache.put(part, 0, 3, second).get(), first.get());
    EXPECT_EQ(firstValue(cache.get(part, 0, 3)), 1u);
    EXPECT_EQ(cache.stats().entries, 1u);
}

TEST(MergeTreeReaderCacheTest, EvictsLeastRecentlyUsedBySize)
{
    /// Each column is 8000 bytes (+ entry overhead): three fit in 30000 bytes, four do not.
    MergeTreeReaderCache cache(30000, 1);
    auto part = fakePart();
    for (size_t g = 0; g < 3; ++g)
        cache.put(part, 0, g, numbers(1000, g));
    EXPECT_EQ(cache.stats().entries, 3u);
    /// Granule 0 becomes the most recently used, so granule 1 is the one evicted.
    ASSERT_NE(cache.get(part, 0, 0), nullptr);
    cache.put(part, 0, 3, numbers(1000, 3));
    EXPECT_EQ(cache.stats().entries, 3u);
    EXPECT_EQ(cache.stats().evictions, 1u);
    EXPECT_EQ(cache.get(part, 0, 1), nullptr);
    EXPECT_EQ(firstValue(cache.get(part, 0, 0)), 0u);
    EXPECT_EQ(firstValue(cache.get(part, 0, 2)), 2u);
    EXPECT_EQ(firstValue(cache.get(part, 0, 3)), 3u);
    EXPECT_LE(cache.stats().bytes, 30000u);

    /// Shrinking the bound evicts down to it; 0 caches nothing.
    cache.setMaxBytes(10000);
    EXPECT_EQ(cache.stats().entries, 1u);
    EXPECT_NE(cache.get(part, 0, 3), nullptr);
    cache.setMaxBytes(0);
    EXPECT_EQ(cache.stats().entries, 0u);
    ColumnPtr column = numbers(1, 9);
    EXPECT_EQ(cache.put(part, 0, 9, column).get(), column.get());
    EXPECT_EQ(cache.get(part, 0, 9), nullptr);
}

TEST(MergeTreeReaderCacheTest, ColumnLargerThanTheBoundIsNotCached)
{
    MergeTreeReaderCache cache(4000, 1);
    auto part = fakePart();
    cache.put(part, 0, 0, numbers(10, 1));
    ColumnPtr big = numbers(1000, 2);
    EXPECT_EQ(cache.put(part, 0, 1, big).get(), big.get());
    EXPECT_EQ(cache.get(part, 0, 1), nullptr);
    /// The small entry was not evicted for it.
    EXPECT_NE(cache.get(part, 0, 0), nullptr);
}

TEST(MergeTreeReaderCacheTest, EntriesOfADroppedPartAreNotReturnedForANewPartAtItsAddress)
{
    MergeTreeReaderCache cache(1 << 20, 1);
    /// The same object address under two ownerships, as if the allocator reused a dropped part's memory.
    MergeTreeDataPart storage;
    MergeTreeDataPartPtr old_part(&storage, [](const MergeTreeDataPart *) {});
    cache.put(old_part, 0, 0, numbers(10, 1));
    EXPECT_NE(cache.get(old_part, 0, 0), nullptr);
    old_part.reset();
    MergeTreeDataPartPtr new_part(&storage, [](const MergeTreeDataPart *) {});
    EXPECT_EQ(cache.get(new_part, 0, 0), nullptr);
    EXPECT_EQ(cache.stats().entries, 0u);
    cache.put(new_part, 0, 0, numbers(10, 2));
    EXPECT_EQ(firstValue(cache.get(new_part, 0, 0)), 2u);
}

TEST(MergeTreeReaderCacheTest, ConcurrentReadersSeeTheirKeysColumns)
{
    /// Small enough to evict all the time; every column's values identify its key.
    MergeTreeReaderCache cache(64 << 10, 4);
    std::vector<MergeTreeDataPartPtr> parts = {fakePart(), fakePart(), fakePart()};
    constexpr size_t threads = 4;
    constexpr size_t iterations = 20000;
    std::atomic<size_t> wrong {0};
    std::vector<std::thread> workers;
    for (size_t t = 0; t < threads; ++t)
        workers.emplace_back(
            [&, t]
            {
                UInt64 state = 0x9E3779B97F4A7C15ULL * (t + 1);
                for (size_t i = 0; i < iterations; ++i)
                {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    const size_t p = state % parts.size();
                    const size_t column = (state >> 8) % 3;
                    const size_t granule = (state >> 16) % 50;
                    const UInt64 tag = p * 10000 + column * 1000 + granule;
                    ColumnPtr got = cache.get(parts[p], column, granule);
                    if (!got)
                        got = cache.put(parts[p], column, granule, numbers(100 + granule, tag));
                    if (got->size() != 100 + granule || firstValue(got) != tag || (*got)[got->size() - 1].toUInt64() != tag)
                        ++wrong;
                }
            });
    for (auto & worker : workers)
        worker.join();
    EXPECT_EQ(wrong.load(), 0u);
    auto stats = cache.stats();
    EXPECT_LE(stats.bytes, 64u << 10);
    EXPECT_GT(stats.hits, 0u);
    EXPECT_GT(stats.evictions, 0u);
    EXPECT_EQ(stats.hits + stats.misses, threads * iterations);
}

class MergeTreeReaderCachePartTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        char templ[] = "/tmp/pipit_reader_cache_test_XXXXXX";
        ASSERT_NE(::mkdtemp(templ), nullptr);
        dir_ = templ;
    }
    void TearDown() override { removeRecursive(dir_); }

    /// A part of `rows` rows in granules of 10: id UInt64, s String, n Nullable(String), lc LowCardinality(String),
    /// a Array(UInt32).
    MergeTreeDataPartPtr writePart(size_t rows)
    {
        const std::vector<std::pair<std::string, std::string>> columns
            = {{"id", "UInt64"}, {"s", "String"}, {"n", "Nullable(String)"}, {"lc", "LowCardinality(String)"}, {"a", "Array(UInt32)"}};
        MergeTreePartContents contents;
        for (const auto & [name, type_name] : columns)
        {
            DataTypePtr type = parseDataType(type_name);
            auto column = type->createColumn();
            for (size_t i = 0; i < rows; ++i)
            {
                if (name == "id")
                    column->insert(Field(UInt64(i)));
                else if (name == "s")
                    column->insert(Field(std::string(i % 17, char('a' + i % 26))));
                else if (name == "n")
                    column->insert(i % 3 == 0 ? Field(Null {}) : Field("n" + std::to_string(i)));
                else if (name == "lc")
                    column->insert(Field("city" + std::to_string(i % 5)));
                else
                {
                    FieldArray array;
                    for (size_t k = 0; k < i % 4; ++k)
                        array.values.push_back(Field(UInt64(i + k)));
                    column->insert(Field(array));
                }
            }
            if (name == "id")
            {
                contents.key_columns.push_back(ColumnPtr(column));
                contents.key_types.push_back(type);
            }
            contents.block.insert({std::move(column), type, name});
        }
        const std::string path = dir_ + "/all_1_1_0";
        MergeTreePartWriter({}, {}, 10, false).write(path, contents);
        columns_.clear();
        for (const auto & [name, type_name] : columns)
            columns_.emplace_back(name, parseDataType(type_name));
        return MergeTreeDataPart::load(path, *MergeTreePartInfo::tryParse("all_1_1_0"));
    }

    static void expectSameBlocks(const Block & expected, const Block & actual)
    {
        ASSERT_EQ(expected.columns(), actual.columns());
        ASSERT_EQ(expected.rows(), actual.rows());
        for (size_t c = 0; c < expected.columns(); ++c)
        {
            const auto & e = expected.getByPosition(c);
            const auto & a = actual.getByPosition(c);
            EXPECT_EQ(e.name, a.name);
            EXPECT_EQ(e.type->getName(), a.type->getName());
            for (size_t r = 0; r < expected.rows(); ++r)
                ASSERT_TRUE((*e.column)[r] == (*a.column)[r]) << e.name << " row " << r;
        }
    }

    std::string dir_;
    MergeTreeColumns columns_;
};

TEST_F(MergeTreeReaderCachePartTest, ReadsAreTheSameWithAndWithoutTheCache)
{
    auto part = writePart(95); /// 10 granules, the last one of 5 rows
    ASSERT_EQ(part->granules, 10u);
    MergeTreeReaderCache cache(16 << 20, 2);
    /// The table asks for a column the part does not have: defaults, with or without the cache.
    MergeTreeColumns requested = columns_;
    requested.emplace_back("added", parseDataType("UInt32"));

    const std::vector<std::pair<size_t, size_t>> ranges = {{0, 1}, {9, 10}, {3, 7}, {2, 5}, {0, 10}, {4, 4}, {6, 7}};
    MergeTreePartReader plain(part, requested);
    MergeTreePartReader cached(part, requested, &cache);
    for (int pass = 0; pass < 2; ++pass)
        for (const auto & [begin, end] : ranges)
        {
            SCOPED_TRACE(std::to_string(begin) + ".." + std::to_string(end) + " pass " + std::to_string(pass));
            expectSameBlocks(plain.readGranules(begin, end), cached.readGranules(begin, end));
        }
    auto stats = cache.stats();
    /// Every granule of the 5 stored columns was decoded once and then only hit.
    EXPECT_EQ(stats.entries, 50u);
    EXPECT_EQ(stats.misses, 50u);
    EXPECT_GT(stats.hits, 0u);

    /// A new reader of the same part is served from the cache without touching the files.
    for (const auto & [name, type] : columns_)
        std::remove((part->path + "/" + MergeTreeDataPart::escapeFileName(name) + ".bin").c_str());
    MergeTreePartReader after(part, requested, &cache);
    Block block = after.readGranules(3, 7);
    EXPECT_EQ(block.rows(), 40u);
    EXPECT_EQ((*block.getByName("id").column)[0].toUInt64(), 30u);
    /// Without the cache, the files are needed.
    MergeTreePartReader uncached(part, requested);
    EXPECT_THROW(uncached.readGranules(0, 1), Exception);
}

TEST_F(MergeTreeReaderCachePartTest, DamagedDataIsReportedAndNotCached)
{
    auto part = writePart(30);
    /// Overwrite the middle of s.bin: a checksum mismatch in some granule.
    const std::string bin = part->path + "/s.bin";
    std::string data = readFile(bin);
    for (size_t i = data.size() / 2; i < data.size() / 2 + 8; ++i)
        data[i] = static_cast<char>(data[i] ^ 0x5A);
    atomicWriteFile(bin, data);
    MergeTreeReaderCache cache(16 << 20, 1);
    MergeTreeColumns s_only = {{"s", parseDataType("String")}};
    MergeTreePartReader reader(part, s_only, &cache);
    bool failed = false;
    for (size_t g = 0; g < part->granules; ++g)
    {
        try
        {
            reader.readGranules(g, g + 1);
        }
        catch (const Exception &)
        {
            failed = true;
            EXPECT_EQ(cache.get(part, 0, g), nullptr);
        }
    }
    EXPECT_TRUE(failed);
}

namespace
{

/// Reads `columns` of every source of `storage` with `condition` into one block.
Block readWithCondition(IStorage & storage, std::vector<std::string> columns, std::shared_ptr<const IKeyCondition> condition)
{
    ReadRequest request;
    request.column_names = std::move(columns);
    request.key_condition = std::move(condition);
    Blocks blocks;
    for (auto & source : storage.read(request, nullptr))
        for (Block block = source->read(); block.rows() > 0; block = source->read())
            blocks.push_back(std::move(block));
    return MergeTreeMerger::concatenate(blocks);
}

} // namespace

TEST_F(MergeTreeReaderCachePartTest, SmallReadsAreNarrowedToTheRowsTheKeyConditionAllows)
{
    const DataTypePtr uint64 = parseDataType("UInt64");
    MergeTreeDefinition def;
    def.columns = {{"key", uint64, "", "", ""}, {"value", uint64, "", "", ""}};
    def.sort_key = {std::make_shared<test::ColumnIdentityExpression>("key", uint64)};
    def.settings.index_granularity = 4096;
    def.settings.background_merges = false;
    def.settings.fsync_parts = false;
    StorageMergeTree storage(dir_ + "/table", def);
    /// Keys 0..13332, each on three rows (value = row number): runs cross granule boundaries.
    constexpr size_t rows = 40000;
    auto key = ColumnUInt64::create();
    auto value = ColumnUInt64::create();
    for (size_t i = 0; i < rows; ++i)
    {
        key->insertValue(i / 3);
        value->insertValue(i);
    }
    storage.insert(Block({{key, uint64, "key"}, {value, uint64, "value"}}), false);
    storage.flush();

    UInt64 state = 12345;
    for (int round = 0; round < 200; ++round)
    {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        const UInt64 low = (state >> 33) % 14000;
        const UInt64 high = low + (state >> 20) % (round % 4 == 0 ? 3000 : 4);
        Block block = readWithCondition(storage, {"value", "key"}, std::make_shared<test::RangeKeyCondition>(low, high));
        if (block.columns() == 0)
        {
            ASSERT_GT(low, (rows - 1) / 3);
            continue;
        }
        const auto & keys = assertColumnCast<ColumnUInt64>(*block.getByName("key").column).getData();
        const auto & values = assertColumnCast<ColumnUInt64>(*block.getByName("value").column).getData();
        std::set<UInt64> matched;
        for (size_t i = 0; i < block.rows(); ++i)
        {
            ASSERT_EQ(keys[i], values[i] / 3);
            if (keys[i] >= low && keys[i] <= high)
            {
                ASSERT_TRUE(matched.insert(values[i]).second) << "row " << values[i] << " read twice";
            }
        }
        /// Every row whose key is in [low, high] is read, and few others.
        size_t expected = 0;
        for (size_t i = 0; i < rows; ++i)
            expected += i / 3 >= low && i / 3 <= high;
        ASSERT_EQ(matched.size(), expected) << low << ".." << high;
        EXPECT_LE(block.rows(), expected + 2 * 256 + 2) << low << ".." << high;
    }

    /// Without the key's values among the columns read, whole granules are read.
    Block block = readWithCondition(storage, {"value"}, std::make_shared<test::RangeKeyCondition>(5000, 5000));
    EXPECT_EQ(block.rows() % 4096, 0u);
    EXPECT_GT(block.rows(), 0u);
}
