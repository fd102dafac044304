#include "engine/session/StorageRowFilter.h"

#include "engine/base/Exception.h"
#include "engine/io/WriteBuffer.h"
#include "engine/session/Database.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <unistd.h>

namespace pipit
{

namespace
{

/// Row filters of StatementOptions: every read of the filtered table, however the SELECT names it, sees only
/// the rows of the condition.
class StorageRowFilterTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        path_ = std::filesystem::temp_directory_path() / ("pipit_row_filter_test_" + std::to_string(::getpid()));
        std::filesystem::remove_all(path_);
        DatabaseOptions options;
        options.data_path = path_.string();
        database_ = std::make_unique<Database>(options);
        run("CREATE TABLE t (tenant String, n UInt64) ENGINE = MergeTree ORDER BY (tenant, n)");
        run("INSERT INTO t VALUES ('a', 1), ('a', 2), ('b', 3), ('b', 4), ('b', 5)");
        run("CREATE TABLE other (x UInt64) ENGINE = Memory");
        run("INSERT INTO other VALUES (1), (3)");
    }

    void TearDown() override
    {
        database_.reset();
        std::filesystem::remove_all(path_);
    }

    std::string run(const std::string & sql, std::vector<TableRowFilter> filters = {})
    {
        StatementOptions options;
        options.row_filters = std::move(filters);
        WriteBufferFromString out;
        database_->execute(sql, nullptr, out, options);
        return out.release();
    }

    std::string filtered(const std::string & sql) { return run(sql, {{"default", "t", "tenant = 'a'"}}); }

    std::filesystem::path path_;
    std::unique_ptr<Database> database_;
};

TEST_F(StorageRowFilterTest, EveryReadIsFiltered)
{
    EXPECT_EQ(run("SELECT count() FROM t"), "5\n");
    EXPECT_EQ(filtered("SELECT count() FROM t"), "2\n");
    EXPECT_EQ(filtered("SELECT n FROM t ORDER BY n"), "1\n2\n");
    EXPECT_EQ(filtered("SELECT count() FROM t WHERE 1 OR 1"), "2\n");
    EXPECT_EQ(filtered("SELECT count() FROM default.t AS x"), "2\n");
    EXPECT_EQ(filtered("SELECT count() FROM (SELECT * FROM t)"), "2\n");
    EXPECT_EQ(filtered("WITH s AS (SELECT n FROM t) SELECT sum(n) FROM s"), "3\n");
    EXPECT_EQ(filtered("SELECT count() FROM (SELECT n FROM t UNION ALL SELECT n FROM t)"), "4\n");
    EXPECT_EQ(filtered("SELECT count() FROM other WHERE x IN (SELECT n FROM t)"), "1\n");
    EXPECT_EQ(filtered("SELECT count() FROM other AS o INNER JOIN t ON o.x = t.n"), "1\n");
    EXPECT_EQ(filtered("SELECT n FROM t ORDER BY n DESC LIMIT 1"), "2\n");
    /// Only the filter's column is read besides the requested ones, and the result has the requested columns.
    EXPECT_EQ(filtered("SELECT n * 10 FROM t WHERE n > 1"), "20\n");
}

TEST_F(StorageRowFilterTest, CallerExpressionsNeverSeeOtherRows)
{
    /// toUInt64('x') throws: evaluated on a row of tenant 'b' it would reveal that such rows exist.
    run("OPTIMIZE TABLE t FINAL"); /// rows in parts, where the storage may evaluate a PREWHERE
    const std::string probe = "SELECT sum(n) FROM t WHERE toUInt64(if(tenant = 'b', 'x', '1')) > 0";
    EXPECT_THROW(run(probe), Exception);
    EXPECT_EQ(filtered(probe), "3\n");
    EXPECT_EQ(filtered("SELECT count() FROM t WHERE n > 0 AND toUInt64(if(tenant = 'b', 'x', '1')) > 0"), "2\n");
}

TEST_F(StorageRowFilterTest, SeveralFiltersAreAndedAndOtherTablesUntouched)
{
    EXPECT_EQ(run("SELECT count() FROM t", {{"default", "t", "tenant = 'b'"}, {"default", "t", "n >= 4"}}), "2\n");
    EXPECT_EQ(filtered("SELECT count() FROM other"), "2\n");
    EXPECT_EQ(run("SELECT count() FROM t", {{"default", "t", "0"}}), "0\n");
}

TEST_F(StorageRowFilterTest, ErrorsNeverReturnUnfilteredRows)
{
    EXPECT_THROW(run("SELECT count() FROM t", {{"default", "t", "no_such_column = 1"}}), Exception);
    EXPECT_THROW(run("SELECT count() FROM t", {{"default", "t", "1) OR (1"}}), Exception);
    EXPECT_THROW(run("SELECT count() FROM t", {{"default", "t", "tenant = 'a' UNION ALL SELECT 1"}}), Exception);
    EXPECT_THROW(filtered("SELECT count() FROM system.parts"), Exception);
    EXPECT_THROW(filtered("SELECT name FROM system.tables"), Exception);
}

TEST_F(StorageRowFilterTest, ViewIsReadOnlyAndHasNoRowCount)
{
    auto table = database_->catalog().getTable("default", "t");
    StorageRowFilter view(table->storage, {"tenant = 'a'"});
    EXPECT_FALSE(view.totalRows().has_value());
    EXPECT_EQ(view.getColumns().size(), 2u);
    Block empty;
    EXPECT_THROW(view.insert(empty, false), Exception);
    EXPECT_THROW(view.truncate(), Exception);
    EXPECT_EQ(run("SELECT count() FROM t"), "5\n");
}

} // namespace

} // namespace pipit
