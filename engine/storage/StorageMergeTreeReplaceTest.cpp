#include "engine/storage/StorageMergeTree.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnString.h"
#include "engine/columns/ColumnVector.h"
#include "engine/io/FileSystem.h"
#include "engine/storage/MergeTreeMerger.h"
#include "engine/storage/StorageMemory.h"
#include "engine/storage/StorageTestExpressions.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <set>
#include <thread>

using namespace pipit;
using namespace pipit::test;

namespace
{

/// IStorage::replaceRows: whole-table and conditional replaces are one atomic swap.
class StorageReplaceRowsTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        char templ[] = "/tmp/pipit_replace_test_XXXXXX";
        ASSERT_NE(::mkdtemp(templ), nullptr);
        dir_ = std::string(templ) + "/table";
        uint64_ = parseDataType("UInt64");
        uint8_ = parseDataType("UInt8");
        string_ = parseDataType("String");
    }
    void TearDown() override { removeRecursive(parentDirectory(dir_)); }

    /// key UInt64, value String; ORDER BY key; small direct-insert threshold so big blocks become parts.
    MergeTreeDefinition definition() const
    {
        MergeTreeDefinition def;
        def.columns = {{"key", uint64_, "", "", ""}, {"value", string_, "", "", ""}};
        def.sort_key = {std::make_shared<ColumnIdentityExpression>("key", uint64_)};
        def.settings.index_granularity = 128;
        def.settings.background_merges = false;
        def.settings.fsync_parts = false;
        return def;
    }

    Block makeBlock(UInt64 begin, UInt64 end, const std::string & tag) const
    {
        auto key = ColumnUInt64::create();
        auto value = ColumnString::create();
        for (UInt64 k = begin; k < end; ++k)
        {
            key->insertValue(k);
            value->insertData(tag.data(), tag.size());
        }
        return Block({{std::move(key), uint64_, "key"}, {std::move(value), string_, "value"}});
    }

    static size_t countRows(IStorage & storage, std::set<std::string> * tags = nullptr)
    {
        ReadRequest request;
        request.column_names = {"value"};
        request.num_streams = 2;
        size_t rows = 0;
        for (auto & source : storage.read(request, nullptr))
            while (true)
            {
                Block block = source->read();
                if (block.rows() == 0)
                    break;
                rows += block.rows();
                if (tags)
                    for (size_t i = 0; i < block.rows(); ++i)
                        tags->insert(std::string(block.getByName("value").column->getDataAt(i)));
            }
        return rows;
    }

    std::string dir_;
    DataTypePtr uint64_;
    DataTypePtr uint8_;
    DataTypePtr string_;
};

TEST_F(StorageReplaceRowsTest, WholeTableReplaceDropsPartsAndBuffer)
{
    StorageMergeTree storage(dir_, definition());
    storage.insert(makeBlock(0, 1000, "old"), false);
    storage.flush();
    storage.insert(makeBlock(5000, 5003, "buffered"), false);
    EXPECT_EQ(countRows(storage), 1003u);
    storage.replaceRows({makeBlock(0, 10, "new"), makeBlock(10, 20, "new")}, nullptr, false);
    std::set<std::string> tags;
    EXPECT_EQ(countRows(storage, &tags), 20u);
    EXPECT_EQ(tags, std::set<std::string>({"new"}));
    EXPECT_EQ(storage.totalRows().value_or(0), 20u);
    storage.replaceRows({}, nullptr, false);
    EXPECT_EQ(countRows(storage), 0u);
}

TEST_F(StorageReplaceRowsTest, ReplaceSurvivesReopen)
{
    {
        StorageMergeTree storage(dir_, definition());
        storage.insert(makeBlock(0, 100, "old"), false);
        storage.replaceRows({makeBlock(0, 7, "new")}, nullptr, false);
        storage.shutdown();
    }
    StorageMergeTree reopened(dir_, definition());
    std::set<std::string> tags;
    EXPECT_EQ(countRows(reopened, &tags), 7u);
    EXPECT_EQ(tags, std::set<std::string>({"new"}));
}

TEST_F(StorageReplaceRowsTest, ConditionalReplaceKeepsOtherRows)
{
    StorageMergeTree storage(dir_, definition());
    storage.insert(makeBlock(0, 100, "old"), false);
    PredicateExpression below_ten(
        "key", [](UInt64 key) { return key < 10; }, uint8_);
    storage.replaceRows({makeBlock(0, 3, "new")}, &below_ten, false);
    std::set<std::string> tags;
    EXPECT_EQ(countRows(storage, &tags), 93u);
    EXPECT_EQ(tags, std::set<std::string>({"old", "new"}));
}

TEST_F(StorageReplaceRowsTest, FailedReplaceKeepsOldRows)
{
    StorageMergeTree storage(dir_, definition());
    storage.insert(makeBlock(0, 100, "old"), false);
    PredicateExpression unknown(
        "no_such_column", [](UInt64) { return true; }, uint8_);
    EXPECT_THROW(storage.replaceRows({makeBlock(0, 3, "new")}, &unknown, false), Exception);
    std::set<std::string> tags;
    EXPECT_EQ(countRows(storage, &tags), 100u);
    EXPECT_EQ(tags, std::set<std::string>({"old"}));
}

TEST_F(StorageReplaceRowsTest, ReadersSeeOldOrNewRowsOnly)
{
    StorageMergeTree storage(dir_, definition());
    storage.insert(makeBlock(0, 3000, "a"), false);
    std::atomic<bool> stop = false;
    std::atomic<size_t> bad = 0;
    std::atomic<size_t> reads = 0;
    std::thread reader(
        [&]
        {
            while (!stop)
            {
                size_t rows = countRows(storage);
                if (rows != 3000 && rows != 5000)
                    ++bad;
                ++reads;
            }
        });
    for (int i = 0; i < 30; ++i)
        storage.replaceRows({i % 2 ? makeBlock(0, 3000, "a") : makeBlock(0, 5000, "b")}, nullptr, false);
    stop = true;
    reader.join();
    EXPECT_EQ(bad.load(), 0u);
    EXPECT_GT(reads.load(), 0u);
}

TEST(StorageMemoryReplaceRowsTest, ReplacesAllOrMatchingRows)
{
    auto uint64 = parseDataType("UInt64");
    StorageMemory storage({{"key", uint64, "", "", ""}});
    auto column = ColumnUInt64::create();
    for (UInt64 k = 0; k < 10; ++k)
        column->insertValue(k);
    Block block({{std::move(column), uint64, "key"}});
    storage.insert(block, false);
    PredicateExpression odd(
        "key", [](UInt64 key) { return key % 2 == 1; }, parseDataType("UInt8"));
    storage.replaceRows({}, &odd, false);
    EXPECT_EQ(storage.totalRows().value_or(0), 5u);
    storage.replaceRows({block, block}, nullptr, false);
    EXPECT_EQ(storage.totalRows().value_or(0), 20u);
}

} // namespace
