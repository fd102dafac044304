#include "engine/execution/QueryPipeline.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnString.h"
#include "engine/columns/ColumnVector.h"
#include "engine/io/FileSystem.h"
#include "engine/planner/StorageExpressionCompiled.h"
#include "engine/sql/Parser.h"
#include "engine/storage/StorageMergeTree.h"

#include <gtest/gtest.h>

#include <cstdlib>

using namespace pipit;

namespace
{

/// events(ts DateTime('UTC'), user String, value Int64) ORDER BY (toDate(ts), user)
/// PARTITION BY toYYYYMM(ts), granularity 256: 60 days from 2024-01-01, one row per 5 minutes.
class QueryPipelineMergeTreeTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        char templ[] = "/tmp/pipit_exec_test_XXXXXX";
        ASSERT_NE(::mkdtemp(templ), nullptr);
        root_ = templ;
        ColumnsDescription columns = {
            {"ts", parseDataType("DateTime('UTC')"), "", "", ""},
            {"user", parseDataType("String"), "", "", ""},
            {"value", parseDataType("Int64"), "", "", ""},
        };
        MergeTreeDefinition definition;
        definition.columns = columns;
        sort_key_ = {parseExpression("toDate(ts)"), parseExpression("user")};
        for (const auto & key : sort_key_)
            definition.sort_key.push_back(std::make_shared<StorageExpressionCompiled>(key, columns));
        partition_key_ = parseExpression("toYYYYMM(ts)");
        definition.partition_key = std::make_shared<StorageExpressionCompiled>(partition_key_, columns);
        definition.settings.index_granularity = 256;
        definition.settings.background_merges = false;
        definition.settings.fsync_parts = false;
        storage_ = std::make_shared<StorageMergeTree>(root_ + "/events", definition);

        auto ts = ColumnUInt32::create();
        auto user = ColumnString::create();
        auto value = ColumnInt64::create();
        for (UInt32 i = 0; i < rows_; ++i)
        {
            ts->insertValue(1704067200 + i * 300);
            std::string u = "u" + std::to_string(i % 7);
            user->insertData(u.data(), u.size());
            value->insertValue(static_cast<Int64>(i % 100));
        }
        Block block;
        block.insert({std::move(ts), columns[0].type, "ts"});
        block.insert({std::move(user), columns[1].type, "user"});
        block.insert({std::move(value), columns[2].type, "value"});
        storage_->insert(block, false);
        storage_->flush();
    }

    void TearDown() override
    {
        storage_->shutdown();
        storage_.reset();
        removeRecursive(root_);
    }

    class Resolver final : public ITableResolver
    {
    public:
        explicit Resolver(QueryPipelineMergeTreeTest & test)
            : test_(test)
        {
        }
        ResolvedTable resolveTable(const std::string &, const std::string & table) const override
        {
            if (table != "events")
                throw Exception(ErrorCode::UNKNOWN_TABLE, "no table " + table);
            ResolvedTable resolved;
            resolved.database = "default";
            resolved.table = "events";
            resolved.storage = test_.storage_;
            resolved.columns = test_.storage_->getColumns();
            resolved.sort_key = test_.sort_key_;
            resolved.partition_key = test_.partition_key_;
            return resolved;
        }

    private:
        QueryPipelineMergeTreeTest & test_;
    };

    std::pair<std::vector<std::vector<std::string>>, SelectResult> run(const std::string & sql)
    {
        Resolver resolver(*this);
        std::vector<std::vector<std::string>> rows;
        auto result = QueryPipeline::executeSelect(parseQuery(sql), resolver, {},
                                                   [&](const Block & block)
                                                   {
                                                       for (size_t r = 0; r < block.rows(); ++r)
                                                       {
                                                           std::vector<std::string> row;
                                                           for (const auto & c : block)
                                                               row.push_back((*c.column)[r].dump());
                                                           rows.push_back(row);
                                                       }
                                                   });
        return {rows, result};
    }

    std::string root_;
    std::shared_ptr<StorageMergeTree> storage_;
    ASTs sort_key_;
    ASTPtr partition_key_;
    const UInt32 rows_ = 288 * 60;
};

} // namespace

TEST_F(QueryPipelineMergeTreeTest, PrunesByMonotonicKeyAndPartition)
{
    auto [rows, result] = run("SELECT count(), sum(value) FROM events WHERE ts >= '2024-02-10 00:00:00' AND ts < '2024-02-11 00:00:00'");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0], "288");
    EXPECT_LT(result.statistics.granules_selected, result.statistics.granules_total / 10);
    EXPECT_EQ(result.statistics.parts_selected, 1u);
    EXPECT_EQ(result.statistics.parts_total, 2u);

    std::tie(rows, result) = run("SELECT count() FROM events WHERE toDate(ts) = '2024-01-05' AND user = 'u3'");
    size_t expected = 0;
    for (UInt32 i = 4 * 288; i < 5 * 288; ++i)
        expected += i % 7 == 3;
    EXPECT_EQ(rows[0][0], std::to_string(expected));
    EXPECT_LE(result.statistics.granules_selected, 2u);

    std::tie(rows, result) = run("SELECT count() FROM events WHERE toStartOfHour(ts) = '2024-01-03 05:00:00'");
    EXPECT_EQ(rows[0][0], "12");
    /// toStartOfHour(ts) cannot be mapped onto the toDate(ts) key, but the partition min/max of ts prunes February.
    EXPECT_EQ(result.statistics.parts_selected, 1u);

    std::tie(rows, result) = run("SELECT count() FROM events WHERE ts BETWEEN '2024-01-03 05:00:00' AND '2024-01-03 05:59:59'");
    EXPECT_EQ(rows[0][0], "12");
    EXPECT_LE(result.statistics.granules_selected, 3u);
}

TEST_F(QueryPipelineMergeTreeTest, OrderLimitAndGroupBy)
{
    auto [rows, result] = run("SELECT ts, user FROM events ORDER BY ts DESC LIMIT 2");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0][0], std::to_string(1704067200 + (rows_ - 1) * 300));
    EXPECT_EQ(result.rows_before_limit_at_least, rows_);

    std::tie(rows, result) = run("SELECT toYYYYMM(ts) AS m, count() FROM events GROUP BY m ORDER BY m");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0], (std::vector<std::string> {"202401", std::to_string(288 * 31)}));
    EXPECT_EQ(rows[1], (std::vector<std::string> {"202402", std::to_string(288 * 29)}));
    EXPECT_EQ(run("SELECT count() FROM events").first[0][0], std::to_string(rows_));
}
