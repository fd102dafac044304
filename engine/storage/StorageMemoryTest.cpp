#include "engine/storage/StorageMemory.h"
#include "engine/storage/StorageNull.h"

#include "engine/columns/ColumnVector.h"
#include "engine/storage/StorageTestExpressions.h"

#include <gtest/gtest.h>

using namespace pipit;
using namespace pipit::test;

namespace
{

Block makeBlock(const DataTypePtr & type, std::initializer_list<UInt64> keys)
{
    auto column = ColumnUInt64::create();
    for (UInt64 k : keys)
        column->insertValue(k);
    return Block({{column, type, "key"}});
}

size_t countRows(IStorage & storage, size_t streams, size_t * sources_out = nullptr)
{
    ReadRequest request;
    request.column_names = {"key"};
    request.num_streams = streams;
    request.max_block_size = 2;
    auto sources = storage.read(request, nullptr);
    if (sources_out)
        *sources_out = sources.size();
    size_t rows = 0;
    for (auto & source : sources)
        for (Block b = source->read(); b.rows() > 0; b = source->read())
        {
            EXPECT_LE(b.rows(), 2u);
            rows += b.rows();
        }
    return rows;
}

TEST(StorageMemoryTest, InsertReadTruncateDelete)
{
    auto type = parseDataType("UInt64");
    StorageMemory storage({{"key", type, "", "", ""}});
    storage.insert(makeBlock(type, {1, 2, 3}), false);
    storage.insert(makeBlock(type, {4, 5}), false);
    size_t sources = 0;
    EXPECT_EQ(countRows(storage, 4, &sources), 5u);
    EXPECT_EQ(sources, 2u);
    EXPECT_EQ(storage.totalRows(), 5u);

    /// A snapshot is unaffected by later changes.
    ReadRequest request;
    request.column_names = {"key"};
    auto snapshot = storage.read(request, nullptr);
    PredicateExpression odd(
        "key", [](UInt64 k) { return k % 2 == 1; }, parseDataType("UInt8"));
    storage.deleteWhere(odd);
    EXPECT_EQ(storage.totalRows(), 2u);
    EXPECT_EQ(countRows(storage, 1), 2u);
    EXPECT_EQ(snapshot[0]->read().rows(), 3u);

    storage.truncate();
    EXPECT_EQ(countRows(storage, 1), 0u);
    EXPECT_THROW(storage.insert(Block({{ColumnUInt64::create({1}), type, "other"}}), false), Exception);
}

TEST(StorageNullTest, DiscardsEverything)
{
    auto type = parseDataType("UInt64");
    StorageNull storage({{"key", type, "", "", ""}});
    storage.insert(makeBlock(type, {1, 2, 3}), false);
    EXPECT_EQ(countRows(storage, 2), 0u);
    EXPECT_EQ(storage.totalRows(), 0u);
}

} // namespace
