#include "engine/storage/StorageMergeTree.h"

#include "engine/columns/ColumnString.h"
#include "engine/columns/ColumnVector.h"
#include "engine/io/FileSystem.h"
#include "engine/storage/MergeTreeMerger.h"
#include "engine/storage/StorageTestExpressions.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <set>
#include <thread>

using namespace pipit;
using namespace pipit::test;

namespace
{

class StorageMergeTreeTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        char templ[] = "/tmp/pipit_storage_test_XXXXXX";
        ASSERT_NE(::mkdtemp(templ), nullptr);
        dir_ = std::string(templ) + "/table";
        uint64_ = parseDataType("UInt64");
        uint8_ = parseDataType("UInt8");
        string_ = parseDataType("String");
        datetime_ = parseDataType("DateTime");
    }
    void TearDown() override { removeRecursive(parentDirectory(dir_)); }

    /// Columns: key UInt64, value String, ts DateTime; ORDER BY key.
    MergeTreeDefinition definition(size_t granularity = 100) const
    {
        MergeTreeDefinition def;
        def.columns = {{"key", uint64_, "", "", ""}, {"value", string_, "", "", ""}, {"ts", datetime_, "", "", "Delta(4), ZSTD(1)"}};
        def.sort_key = {std::make_shared<ColumnIdentityExpression>("key", uint64_)};
        def.settings.index_granularity = granularity;
        def.settings.background_merges = false;
        def.settings.fsync_parts = false;
        return def;
    }

    Block makeBlock(const std::vector<UInt64> & keys, UInt32 ts = 1000) const
    {
        auto key = ColumnUInt64::create();
        auto value = ColumnString::create();
        auto time = ColumnUInt32::create();
        for (UInt64 k : keys)
        {
            key->insertValue(k);
            std::string s = "v" + std::to_string(k);
            value->insertData(s.data(), s.size());
            time->insertValue(ts);
        }
        return Block({{key, uint64_, "key"}, {value, string_, "value"}, {time, datetime_, "ts"}});
    }

    static std::vector<UInt64> range(UInt64 begin, UInt64 end)
    {
        std::vector<UInt64> v;
        for (UInt64 i = begin; i < end; ++i)
            v.push_back(i);
        return v;
    }

    static Block readAll(IStorage & storage, std::vector<std::string> columns, std::shared_ptr<const IKeyCondition> condition = nullptr,
                         size_t streams = 1, ReadStatistics * stats = nullptr, size_t * source_count = nullptr)
    {
        ReadRequest request;
        request.column_names = std::move(columns);
        request.key_condition = std::move(condition);
        request.num_streams = streams;
        auto sources = storage.read(request, stats);
        if (source_count)
            *source_count = sources.size();
        Blocks blocks;
        for (auto & source : sources)
            while (true)
            {
                Block block = source->read();
                if (block.rows() == 0)
                    break;
                blocks.push_back(std::move(block));
            }
        return MergeTreeMerger::concatenate(blocks);
    }

    static std::vector<UInt64> keysOf(const Block & block)
    {
        std::vector<UInt64> keys;
        if (block.columns() == 0)
            return keys;
        const auto & data = dynamic_cast<const ColumnUInt64 &>(*block.getByName("key").column).getData();
        keys.assign(data.begin(), data.end());
        return keys;
    }

    static std::multiset<UInt64> keySet(const Block & block)
    {
        auto keys = keysOf(block);
        return {keys.begin(), keys.end()};
    }

    std::string dir_;
    DataTypePtr uint64_;
    DataTypePtr uint8_;
    DataTypePtr string_;
    DataTypePtr datetime_;
};

TEST_F(StorageMergeTreeTest, InsertIsVisibleBeforeAndAfterFlush)
{
    StorageMergeTree storage(dir_, definition());
    storage.insert(makeBlock({3, 1, 2}), false);
    EXPECT_EQ(keySet(readAll(storage, {"key"})), (std::multiset<UInt64> {1, 2, 3}));
    EXPECT_EQ(storage.totalRows(), 3u);
    storage.flush();
    ASSERT_EQ(storage.getPartsInfo().size(), 1u);
    Block block = readAll(storage, {"value", "key"});
    ASSERT_EQ(block.columns(), 2u);
    EXPECT_EQ(block.getByPosition(0).name, "value");
    EXPECT_EQ(keysOf(block), (std::vector<UInt64> {1, 2, 3}));
    EXPECT_EQ((*block.getByName("value").column)[0], Field("v1"));
    EXPECT_EQ(storage.getPartsInfo()[0].name, "all_1_1_0");
    EXPECT_EQ(storage.getPartsInfo()[0].partition, "tuple()");
}

TEST_F(StorageMergeTreeTest, SmallBufferedInsertsAreCoalesced)
{
    StorageMergeTree storage(dir_, definition());
    for (UInt64 i = 0; i < 10; ++i)
        storage.insert(makeBlock({i}), false);
    storage.insert(makeBlock(range(10, 19)), false);
    ReadRequest request;
    request.column_names = {"key"};
    request.max_block_size = 4;
    auto sources = storage.read(request, nullptr);
    ASSERT_EQ(sources.size(), 1u);
    std::vector<size_t> sizes;
    std::vector<UInt64> keys;
    for (Block block = sources[0]->read(); block.rows() > 0; block = sources[0]->read())
    {
        sizes.push_back(block.rows());
        auto k = keysOf(block);
        keys.insert(keys.end(), k.begin(), k.end());
    }
    EXPECT_EQ(sizes, (std::vector<size_t> {4, 4, 4, 4, 3}));
    EXPECT_EQ(keys, range(0, 19));
}

TEST_F(StorageMergeTreeTest, DefinitionIsValidated)
{
    auto def = definition();
    def.sort_key.push_back(std::make_shared<ColumnIdentityExpression>("missing", uint64_));
    try
    {
        StorageMergeTree storage(dir_, def);
        FAIL();
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::NO_SUCH_COLUMN_IN_TABLE);
    }
    def = definition();
    def.ttl = std::make_shared<ColumnIdentityExpression>("key", uint64_);
    try
    {
        StorageMergeTree storage(dir_, def);
        FAIL();
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::BAD_ARGUMENTS);
    }
    def = definition();
    def.columns[2].codec = "NoSuchCodec";
    try
    {
        StorageMergeTree storage(dir_, def);
        FAIL();
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::UNKNOWN_CODEC);
    }
}

TEST_F(StorageMergeTreeTest, InsertValidatesColumns)
{
    StorageMergeTree storage(dir_, definition());
    Block missing = makeBlock({1});
    missing.erase("value");
    try
    {
        storage.insert(missing, false);
        FAIL();
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::THERE_IS_NO_COLUMN);
    }
    Block extra = makeBlock({1});
    extra.insert({ColumnUInt64::create({1}), uint64_, "nope"});
    try
    {
        storage.insert(extra, false);
        FAIL();
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::NO_SUCH_COLUMN_IN_TABLE);
    }
    Block wrong = makeBlock({1});
    wrong.getByName("key").type = uint8_;
    wrong.getByName("key").column = ColumnUInt8::create({1});
    try
    {
        storage.insert(wrong, false);
        FAIL();
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::TYPE_MISMATCH);
    }
    try
    {
        readAll(storage, {"nope"});
        FAIL();
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::NO_SUCH_COLUMN_IN_TABLE);
    }
    EXPECT_EQ(storage.totalRows(), 0u);
}

TEST_F(StorageMergeTreeTest, PrimaryIndexPrunesGranules)
{
    StorageMergeTree storage(dir_, definition(100));
    auto keys = range(0, 10000);
    std::reverse(keys.begin(), keys.end());
    storage.insert(makeBlock(keys), false);
    storage.flush();
    ASSERT_EQ(storage.getPartsInfo().at(0).marks, 100u);

    ReadStatistics stats;
    auto condition = std::make_shared<RangeKeyCondition>(5000, 5099);
    Block block = readAll(storage, {"key"}, condition, 1, &stats);
    EXPECT_EQ(stats.granules_total, 100u);
    EXPECT_LE(stats.granules_selected, 2u);
    EXPECT_GE(stats.granules_selected, 1u);
    EXPECT_EQ(stats.parts_selected, 1u);
    auto set = keySet(block);
    for (UInt64 k = 5000; k < 5100; ++k)
        EXPECT_EQ(set.count(k), 1u) << k;

    /// Key equal to a granule boundary value belongs to both neighbours' ranges.
    condition = std::make_shared<RangeKeyCondition>(200, 200);
    block = readAll(storage, {"key"}, condition, 1, &stats);
    EXPECT_EQ(keySet(block).count(200), 1u);
    EXPECT_LE(stats.granules_selected, 2u);

    condition = std::make_shared<RangeKeyCondition>(20000, 30000);
    block = readAll(storage, {"key"}, condition, 1, &stats);
    EXPECT_EQ(block.rows(), 0u);
    EXPECT_EQ(stats.granules_selected, 0u);
    EXPECT_EQ(stats.parts_selected, 0u);

    /// The last granule's upper bound is the part's last key.
    condition = std::make_shared<RangeKeyCondition>(9999, 9999);
    block = readAll(storage, {"key"}, condition, 1, &stats);
    EXPECT_EQ(keySet(block).count(9999), 1u);
    EXPECT_EQ(stats.granules_selected, 1u);
}

TEST_F(StorageMergeTreeTest, PartitionsAndPartitionPruning)
{
    auto def = definition(100);
    def.partition_key = std::make_shared<DivideExpression>("key", 1000, uint64_);
    StorageMergeTree storage(dir_, def);
    storage.insert(makeBlock(range(0, 3000)), false);
    storage.flush();
    auto parts = storage.getPartsInfo();
    ASSERT_EQ(parts.size(), 3u);
    EXPECT_EQ(parts[0].partition_id, "0");
    EXPECT_EQ(parts[1].partition, "1");
    EXPECT_EQ(parts[1].partition_id, "1");
    EXPECT_EQ(parts[2].partition_id, "2");
    EXPECT_EQ(parts[0].rows, 1000u);

    ReadStatistics stats;
    auto condition = std::make_shared<RangeKeyCondition>(1500, 1600, "key");
    Block block = readAll(storage, {"key"}, condition, 1, &stats);
    EXPECT_EQ(stats.parts_total, 3u);
    EXPECT_EQ(stats.parts_selected, 1u);
    auto set = keySet(block);
    for (UInt64 k = 1500; k <= 1600; ++k)
        EXPECT_EQ(set.count(k), 1u);
}

TEST_F(StorageMergeTreeTest, OrderLimitHintSkipsPartsThatCannotRank)
{
    auto def = definition(100);
    def.partition_key = std::make_shared<DivideExpression>("key", 1000, uint64_);
    StorageMergeTree storage(dir_, def);
    storage.insert(makeBlock(range(0, 3000)), false);
    storage.flush();
    auto selected = [&](const std::string & column, bool descending, size_t limit, bool final = false,
                        std::shared_ptr<const IKeyCondition> condition = nullptr)
    {
        ReadRequest request;
        request.column_names = {"key"};
        request.order_column = column;
        request.order_descending = descending;
        request.order_limit = limit;
        request.final = final;
        request.key_condition = std::move(condition);
        ReadStatistics stats;
        storage.read(request, &stats);
        EXPECT_EQ(stats.parts_total, 3u);
        return stats.parts_selected;
    };
    EXPECT_EQ(selected("key", true, 50), 1u);
    EXPECT_EQ(selected("key", true, 1000), 1u);
    EXPECT_EQ(selected("key", true, 1001), 2u);
    EXPECT_EQ(selected("key", false, 1000), 1u);
    EXPECT_EQ(selected("key", false, 2500), 3u);
    EXPECT_EQ(selected("key", true, 3001), 3u);
    /// No hint, no min/max of the column, FINAL or a key condition: every part is read.
    EXPECT_EQ(selected("", true, 50), 3u);
    EXPECT_EQ(selected("value", true, 50), 3u);
    EXPECT_EQ(selected("key", true, 50, true), 3u);
    EXPECT_EQ(selected("key", true, 50, false, std::make_shared<RangeKeyCondition>(0, 5000, "key")), 3u);

    /// A part whose max ties the threshold may hold rows of the top n: it is read.
    storage.insert(makeBlock({2000, 3500}), false);
    storage.flush();
    ReadRequest request;
    request.column_names = {"key"};
    request.order_column = "key";
    request.order_descending = true;
    request.order_limit = 1000;
    ReadStatistics stats;
    storage.read(request, &stats);
    EXPECT_EQ(stats.parts_total, 5u);
    /// {3500} (partition 3) and 2000..2999 and {2000} (partition 2); 0..999 and 1000..1999 are skipped.
    EXPECT_EQ(stats.parts_selected, 3u);

    /// Rows still in the insert buffer are always read.
    storage.insert(makeBlock({7}), false);
    request.order_limit = 1;
    auto sources = storage.read(request, &stats);
    EXPECT_EQ(stats.parts_selected, 1u);
    std::multiset<UInt64> keys;
    for (auto & source : sources)
        for (Block b = source->read(); b.rows(); b = source->read())
            for (UInt64 k : keysOf(b))
                keys.insert(k);
    EXPECT_EQ(keys.count(7), 1u);
    EXPECT_EQ(keys.count(3500), 1u);
    EXPECT_EQ(keys.size(), 2u);
}

TEST_F(StorageMergeTreeTest, ParallelStreamsSplitGranules)
{
    StorageMergeTree storage(dir_, definition(100));
    storage.insert(makeBlock(range(0, 5000)), false);
    storage.flush();
    storage.insert(makeBlock(range(5000, 5010)), false);
    size_t sources = 0;
    ReadStatistics stats;
    Block block = readAll(storage, {"key"}, nullptr, 4, &stats, &sources);
    EXPECT_EQ(sources, 4u);
    EXPECT_EQ(block.rows(), 5010u);
    auto set = keySet(block);
    EXPECT_EQ(set.size(), 5010u);
    EXPECT_EQ(*set.begin(), 0u);
    EXPECT_EQ(*set.rbegin(), 5009u);
    EXPECT_EQ(std::set<UInt64>(set.begin(), set.end()).size(), 5010u);
}

TEST_F(StorageMergeTreeTest, ReopenReadsPartsAndReplaysWal)
{
    {
        StorageMergeTree storage(dir_, definition());
        storage.insert(makeBlock(range(0, 500)), true);
        storage.flush();
        storage.insert(makeBlock(range(500, 700)), true);
        storage.abandonForTest(); /// "crash": the second insert is only in the WAL
    }
    {
        StorageMergeTree storage(dir_, definition());
        EXPECT_EQ(storage.totalRows(), 700u);
        EXPECT_EQ(keySet(readAll(storage, {"key"})).size(), 700u);
        storage.flush();
        EXPECT_EQ(storage.getPartsInfo().size(), 2u);
        storage.shutdown();
    }
    {
        /// All WAL data is in parts now; new inserts after a restart must still replay.
        StorageMergeTree storage(dir_, definition());
        EXPECT_EQ(storage.totalRows(), 700u);
        storage.insert(makeBlock({1000}), true);
        storage.abandonForTest();
    }
    {
        StorageMergeTree storage(dir_, definition());
        auto set = keySet(readAll(storage, {"key"}));
        EXPECT_EQ(set.size(), 701u);
        EXPECT_EQ(set.count(1000), 1u);
        EXPECT_EQ(std::set<UInt64>(set.begin(), set.end()).size(), 701u);
    }
}

TEST_F(StorageMergeTreeTest, CrashBetweenPartWriteAndManifestCommit)
{
    {
        StorageMergeTree storage(dir_, definition());
        storage.insert(makeBlock(range(0, 100)), true);
        storage.flush();
        storage.insert(makeBlock(range(100, 250)), true);
        storage.failFlushBeforeCommitForTest();
        EXPECT_THROW(storage.flush(), Exception);
        /// Still visible after the failed flush.
        EXPECT_EQ(keySet(readAll(storage, {"key"})).size(), 250u);
        EXPECT_EQ(listDirectory(dir_ + "/parts").size(), 2u); /// committed part + debris
        storage.abandonForTest();
    }
    {
        StorageMergeTree storage(dir_, definition());
        auto names = listDirectory(dir_ + "/parts");
        ASSERT_EQ(names.size(), 1u);
        EXPECT_EQ(names[0], "all_1_1_0");
        auto set = keySet(readAll(storage, {"key"}));
        EXPECT_EQ(set.size(), 250u);
        EXPECT_EQ(std::set<UInt64>(set.begin(), set.end()).size(), 250u);
        storage.flush();
        storage.shutdown();
    }
    {
        StorageMergeTree storage(dir_, definition());
        EXPECT_EQ(keySet(readAll(storage, {"key"})).size(), 250u);
    }
}

TEST_F(StorageMergeTreeTest, TornWalTailIsDropped)
{
    {
        StorageMergeTree storage(dir_, definition());
        storage.insert(makeBlock({1, 2}), true);
        storage.insert(makeBlock({3}), true);
        storage.abandonForTest();
    }
    auto segments = listDirectory(dir_ + "/wal");
    ASSERT_EQ(segments.size(), 1u);
    std::string path = dir_ + "/wal/" + segments[0];
    std::string data = readFile(path);
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(data.data(), static_cast<std::streamsize>(data.size() - 3));
    }
    StorageMergeTree storage(dir_, definition());
    EXPECT_EQ(keySet(readAll(storage, {"key"})), (std::multiset<UInt64> {1, 2}));
}

TEST_F(StorageMergeTreeTest, BackgroundMergesCombineParts)
{
    auto def = definition(50);
    def.settings.merge_min_parts = 3;
    StorageMergeTree storage(dir_, def);
    for (UInt64 i = 0; i < 5; ++i)
    {
        auto keys = range(i * 100, i * 100 + 100);
        std::reverse(keys.begin(), keys.end());
        storage.insert(makeBlock(keys), false);
        storage.insert(makeBlock({i}), false); /// overlapping key ranges across parts
        storage.flush();
    }
    ASSERT_EQ(storage.getPartsInfo().size(), 5u);
    EXPECT_TRUE(storage.mergeOnce());
    auto parts = storage.getPartsInfo();
    ASSERT_LT(parts.size(), 5u);
    bool merged_level_one = false;
    for (const auto & part : parts)
        merged_level_one |= part.level == 1;
    EXPECT_TRUE(merged_level_one);
    EXPECT_EQ(storage.totalRows(), 505u);

    storage.optimize(true);
    parts = storage.getPartsInfo();
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_EQ(parts[0].min_block, 1u);
    EXPECT_EQ(parts[0].max_block, 5u);
    EXPECT_GE(parts[0].level, 1u);
    EXPECT_EQ(parts[0].rows, 505u);
    auto keys = keysOf(readAll(storage, {"key"}));
    ASSERT_EQ(keys.size(), 505u);
    EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
    storage.shutdown();

    StorageMergeTree reopened(dir_, def);
    EXPECT_EQ(reopened.getPartsInfo().size(), 1u);
    EXPECT_EQ(listDirectory(dir_ + "/parts").size(), 1u);
    EXPECT_EQ(reopened.totalRows(), 505u);
}

TEST_F(StorageMergeTreeTest, SnapshotSurvivesMerge)
{
    StorageMergeTree storage(dir_, definition(10));
    for (UInt64 i = 0; i < 4; ++i)
    {
        storage.insert(makeBlock(range(i * 100, i * 100 + 100)), false);
        storage.flush();
    }
    ReadRequest request;
    request.column_names = {"key", "value"};
    request.max_block_size = 10;
    auto sources = storage.read(request, nullptr);
    ASSERT_EQ(sources.size(), 1u);
    Block first = sources[0]->read();
    EXPECT_EQ(first.rows(), 10u);

    storage.optimize(true);
    ASSERT_EQ(storage.getPartsInfo().size(), 1u);

    size_t rows = first.rows();
    while (true)
    {
        Block block = sources[0]->read();
        if (block.rows() == 0)
            break;
        rows += block.rows();
    }
    EXPECT_EQ(rows, 400u);
    sources.clear();
    /// The merged-away parts are deleted once the snapshot is released.
    EXPECT_EQ(listDirectory(dir_ + "/parts").size(), 1u);
}

TEST_F(StorageMergeTreeTest, TtlRemovesExpiredRowsOnMerge)
{
    auto def = definition();
    def.ttl = std::make_shared<ColumnIdentityExpression>("ts", datetime_);
    StorageMergeTree storage(dir_, def);
    storage.setNowForTest(5000);
    storage.insert(makeBlock(range(0, 10), 4000), false);  /// expired
    storage.insert(makeBlock(range(10, 20), 5000), false); /// expires exactly now
    storage.insert(makeBlock(range(20, 30), 6000), false); /// alive
    storage.flush();
    EXPECT_EQ(storage.totalRows(), 30u);
    storage.optimize(true);
    auto set = keySet(readAll(storage, {"key"}));
    EXPECT_EQ(set.size(), 10u);
    EXPECT_EQ(*set.begin(), 20u);

    storage.setNowForTest(7000);
    storage.optimize(true);
    EXPECT_EQ(storage.totalRows(), 0u);
    EXPECT_TRUE(storage.getPartsInfo().empty());
}

TEST_F(StorageMergeTreeTest, LargeInsertIsWrittenAsPartsDirectly)
{
    auto def = definition();
    def.settings.direct_insert_min_rows = 100;
    def.settings.background_merges = false;
    {
        StorageMergeTree storage(dir_, def);
        storage.insert(makeBlock(range(0, 10)), false);   /// small: buffered
        storage.insert(makeBlock(range(10, 310)), false); /// large: flushes the buffer first, then its own part
        auto parts = storage.getPartsInfo();
        ASSERT_EQ(parts.size(), 2u);
        EXPECT_EQ(parts[0].rows, 10u); /// block order = insertion order
        EXPECT_EQ(parts[1].rows, 300u);
        EXPECT_LT(parts[0].min_block, parts[1].min_block);
        storage.abandonForTest(); /// "crash": no flush, no shutdown
    }
    StorageMergeTree reopened(dir_, def);
    EXPECT_EQ(keySet(readAll(reopened, {"key"})).size(), 310u);
    EXPECT_EQ(reopened.totalRows(), 310u);
}

TEST_F(StorageMergeTreeTest, ColumnTtlResetsExpiredValuesToDefault)
{
    auto def = definition();
    def.column_ttl.emplace_back("value", std::make_shared<ColumnIdentityExpression>("ts", datetime_));
    StorageMergeTree storage(dir_, def);
    storage.setNowForTest(5000);
    storage.insert(makeBlock(range(0, 5), 4000), false);  /// value expired
    storage.insert(makeBlock(range(5, 10), 6000), false); /// value alive
    storage.flush();
    storage.optimize(true); /// a single part with expired values is rewritten too
    Block block = readAll(storage, {"key", "value"});
    ASSERT_EQ(block.rows(), 10u); /// column TTL never removes rows
    size_t reset = 0;
    for (size_t i = 0; i < block.rows(); ++i)
    {
        UInt64 key = block.getByName("key").column->operator[](i).get<UInt64>();
        std::string value = block.getByName("value").column->operator[](i).get<std::string>();
        EXPECT_EQ(value, key < 5 ? "" : "v" + std::to_string(key));
        reset += value.empty();
    }
    EXPECT_EQ(reset, 5u);
    auto parts_before = storage.getPartsInfo();
    storage.optimize(true); /// nothing left to reset: the part is not rewritten again
    EXPECT_EQ(storage.getPartsInfo()[0].name, parts_before[0].name);
}

TEST_F(StorageMergeTreeTest, BackgroundTtlDropsAndRewritesParts)
{
    auto def = definition();
    def.ttl = std::make_shared<ColumnIdentityExpression>("ts", datetime_);
    StorageMergeTree storage(dir_, def);
    storage.setNowForTest(5000);
    storage.insert(makeBlock(range(0, 10), 1000), false);
    storage.flush(); /// part entirely expired at 5000
    storage.insert(makeBlock(range(10, 20), 4000), false);
    storage.insert(makeBlock(range(20, 30), 9000), false);
    storage.flush(); /// part partly expired
    storage.insert(makeBlock(range(30, 40), 9000), false);
    storage.flush(); /// alive
    ASSERT_EQ(storage.getPartsInfo().size(), 3u);
    EXPECT_EQ(storage.applyExpiredTtl(), 2u);
    auto parts = storage.getPartsInfo();
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0].name, "all_2_2_1");
    EXPECT_EQ(parts[0].rows, 10u);
    EXPECT_EQ(parts[1].name, "all_3_3_0");
    EXPECT_EQ(storage.applyExpiredTtl(), 0u);
    storage.shutdown();

    StorageMergeTree reopened(dir_, def); /// the ttl range survives in meta
    reopened.setNowForTest(10000);
    EXPECT_EQ(reopened.applyExpiredTtl(), 2u);
    EXPECT_EQ(reopened.totalRows(), 0u);
}

TEST_F(StorageMergeTreeTest, OptimizeFinalOnePartPerPartition)
{
    auto def = definition(10);
    def.partition_key = std::make_shared<DivideExpression>("key", 100, uint64_);
    StorageMergeTree storage(dir_, def);
    for (int round = 0; round < 3; ++round)
    {
        storage.insert(makeBlock(range(0, 300)), false);
        storage.flush();
    }
    EXPECT_EQ(storage.getPartsInfo().size(), 9u);
    storage.optimize(false);
    EXPECT_EQ(storage.getPartsInfo().size(), 8u);
    storage.optimize(true);
    auto parts = storage.getPartsInfo();
    ASSERT_EQ(parts.size(), 3u);
    for (const auto & part : parts)
        EXPECT_EQ(part.rows, 300u);
    EXPECT_EQ(storage.totalRows(), 900u);
}

TEST_F(StorageMergeTreeTest, TruncateRemovesEverything)
{
    {
        StorageMergeTree storage(dir_, definition());
        storage.insert(makeBlock(range(0, 100)), true);
        storage.flush();
        storage.insert(makeBlock(range(100, 150)), true);
        storage.truncate();
        EXPECT_EQ(storage.totalRows(), 0u);
        EXPECT_EQ(readAll(storage, {"key"}).rows(), 0u);
        EXPECT_TRUE(storage.getPartsInfo().empty());
        storage.insert(makeBlock({7}), true);
        storage.abandonForTest();
    }
    StorageMergeTree storage(dir_, definition());
    EXPECT_EQ(keySet(readAll(storage, {"key"})), (std::multiset<UInt64> {7}));
}

TEST_F(StorageMergeTreeTest, DeleteWhereRewritesParts)
{
    auto def = definition(10);
    def.partition_key = std::make_shared<DivideExpression>("key", 100, uint64_);
    {
        StorageMergeTree storage(dir_, def);
        storage.insert(makeBlock(range(0, 300)), false);
        storage.flush();
        storage.insert(makeBlock({1000, 1001}), false); /// buffered: flushed first, then mutated
        PredicateExpression predicate(
            "key", [](UInt64 k) { return (k < 100) || (k >= 200 && k < 300 && k % 2 == 0) || k == 1001; }, uint8_);
        storage.deleteWhere(predicate);
        auto set = keySet(readAll(storage, {"key"}));
        EXPECT_EQ(set.size(), 100u + 50u + 1u);
        EXPECT_EQ(set.count(50), 0u);
        EXPECT_EQ(set.count(150), 1u);
        EXPECT_EQ(set.count(201), 1u);
        EXPECT_EQ(set.count(202), 0u);
        EXPECT_EQ(set.count(1000), 1u);
        auto parts = storage.getPartsInfo();
        EXPECT_EQ(parts.size(), 3u); /// partition 0 fully deleted
        storage.shutdown();
    }
    StorageMergeTree storage(dir_, def);
    EXPECT_EQ(storage.totalRows(), 151u);
    EXPECT_EQ(listDirectory(dir_ + "/parts").size(), 3u);
}

TEST_F(StorageMergeTreeTest, CorruptedDataBlockIsDetectedOnRead)
{
    {
        StorageMergeTree storage(dir_, definition(100));
        storage.insert(makeBlock(range(0, 1000)), false);
        storage.flush();
        storage.shutdown();
    }
    std::string bin = dir_ + "/parts/all_1_1_0/value.bin";
    std::string data = readFile(bin);
    data[data.size() / 2] ^= 0x5A;
    {
        std::ofstream out(bin, std::ios::binary | std::ios::trunc);
        out.write(data.data(), static_cast<std::streamsize>(data.size()));
    }
    StorageMergeTree storage(dir_, definition(100));
    EXPECT_EQ(readAll(storage, {"key"}).rows(), 1000u); /// other columns are intact
    try
    {
        readAll(storage, {"value"});
        FAIL() << "corruption not detected";
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::CHECKSUM_DOESNT_MATCH) << e.message();
    }
}

TEST_F(StorageMergeTreeTest, CorruptedMarksAreDetectedOnOpen)
{
    {
        StorageMergeTree storage(dir_, definition(100));
        storage.insert(makeBlock(range(0, 1000)), false);
        storage.flush();
        storage.shutdown();
    }
    std::string mrk = dir_ + "/parts/all_1_1_0/key.mrk";
    std::string data = readFile(mrk);
    data[3] ^= 1;
    {
        std::ofstream out(mrk, std::ios::binary | std::ios::trunc);
        out.write(data.data(), static_cast<std::streamsize>(data.size()));
    }
    try
    {
        StorageMergeTree storage(dir_, definition(100));
        FAIL();
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::CHECKSUM_DOESNT_MATCH) << e.message();
    }
}

TEST_F(StorageMergeTreeTest, ConcurrentInsertReadMerge)
{
    auto def = definition(64);
    def.settings.background_merges = true;
    def.settings.background_interval_ms = 5;
    def.settings.buffer_flush_rows = 500;
    def.settings.merge_min_parts = 2;
    StorageMergeTree storage(dir_, def);
    std::atomic<bool> done {false};
    constexpr UInt64 batches = 200;
    constexpr UInt64 batch_rows = 50;
    std::thread writer(
        [&]
        {
            for (UInt64 b = 0; b < batches; ++b)
                storage.insert(makeBlock(range(b * batch_rows, (b + 1) * batch_rows)), false);
            done = true;
        });
    size_t reads = 0;
    std::string error;
    while (!done || reads < 5)
    {
        Block block = readAll(storage, {"key", "value"}, nullptr, 2);
        auto keys = keysOf(block);
        std::set<UInt64> unique(keys.begin(), keys.end());
        if (unique.size() != keys.size())
            error = "duplicate rows seen";
        /// Inserts are sequential: a snapshot holds a prefix of batches.
        if (!keys.empty() && *unique.rbegin() + 1 != keys.size())
            error = "snapshot is not a prefix";
        ++reads;
    }
    writer.join();
    EXPECT_EQ(error, "");
    storage.optimize(true);
    EXPECT_EQ(storage.getPartsInfo().size(), 1u);
    EXPECT_EQ(keySet(readAll(storage, {"key"})).size(), batches * batch_rows);
    storage.shutdown();
}

TEST_F(StorageMergeTreeTest, ConcurrentDurableInsertsSurviveCrash)
{
    auto def = definition();
    def.settings.background_merges = true;
    def.settings.background_interval_ms = 2;
    def.settings.buffer_flush_rows = 37;
    {
        StorageMergeTree storage(dir_, def);
        std::vector<std::thread> threads;
        for (UInt64 t = 0; t < 4; ++t)
            threads.emplace_back(
                [&, t]
                {
                    for (UInt64 i = 0; i < 100; ++i)
                        storage.insert(makeBlock({t * 1000 + i}), true);
                });
        for (auto & thread : threads)
            thread.join();
        storage.abandonForTest();
    }
    StorageMergeTree storage(dir_, definition());
    auto set = keySet(readAll(storage, {"key"}));
    EXPECT_EQ(set.size(), 400u);
    EXPECT_EQ(std::set<UInt64>(set.begin(), set.end()).size(), 400u);
}

TEST_F(StorageMergeTreeTest, DropRemovesDirectory)
{
    StorageMergeTree storage(dir_, definition());
    storage.insert(makeBlock({1}), false);
    storage.flush();
    storage.drop();
    EXPECT_FALSE(exists(dir_));
    EXPECT_THROW(storage.insert(makeBlock({2}), false), Exception);
    storage.truncate();
    storage.optimize(true);
    EXPECT_EQ(readAll(storage, {"key"}).rows(), 0u);
}

} // namespace
