#include "engine/session/Database.h"

#include "engine/base/Exception.h"
#include "engine/io/WriteBuffer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <unistd.h>

namespace pipit
{

namespace
{

class SelectInterpreterTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        path_ = std::filesystem::temp_directory_path() / ("pipit_select_interpreter_test_" + std::to_string(::getpid()));
        std::filesystem::remove_all(path_);
        DatabaseOptions options;
        options.data_path = path_.string();
        database_ = std::make_unique<Database>(options);
    }

    void TearDown() override
    {
        database_.reset();
        std::filesystem::remove_all(path_);
    }

    std::string run(const std::string & sql, const std::string & format = "TSV")
    {
        StatementOptions options;
        options.default_format = format;
        WriteBufferFromString out;
        database_->execute(sql, nullptr, out, options);
        return out.release();
    }

    std::filesystem::path path_;
    std::unique_ptr<Database> database_;
};

} // namespace

/// The parsed sort key is cached by CREATE statement text: a re-created table with another key must use the new key.
TEST_F(SelectInterpreterTest, RecreatedTableUsesItsNewSortKey)
{
    run("CREATE TABLE t (a UInt64, b UInt64) ENGINE = MergeTree ORDER BY a SETTINGS index_granularity = 2");
    run("INSERT INTO t VALUES (1, 10), (2, 20), (3, 30), (4, 40), (5, 50), (6, 60)");
    EXPECT_NE(run("EXPLAIN SELECT b FROM t WHERE a = 3").find("key `a`"), std::string::npos);
    EXPECT_EQ(run("SELECT b FROM t WHERE a = 3"), "30\n");

    run("DROP TABLE t");
    run("CREATE TABLE t (a UInt64, b UInt64) ENGINE = MergeTree ORDER BY b SETTINGS index_granularity = 2");
    run("INSERT INTO t VALUES (1, 10), (2, 20), (3, 30), (4, 40), (5, 50), (6, 60)");
    std::string explain = run("EXPLAIN SELECT a FROM t WHERE b = 40");
    EXPECT_NE(explain.find("key `b`"), std::string::npos) << explain;
    EXPECT_EQ(explain.find("key `a`"), std::string::npos) << explain;
    EXPECT_EQ(run("SELECT a FROM t WHERE b = 40"), "4\n");
    EXPECT_EQ(run("SELECT a FROM t WHERE a = 4"), "4\n");
}

/// The header written before the rows comes from the plan that runs: names and types of single SELECTs and UNION ALL.
TEST_F(SelectInterpreterTest, HeaderMatchesRowsForSelectAndUnion)
{
    EXPECT_EQ(run("SELECT 1 AS x, 'a' AS s", "TSVWithNamesAndTypes"), "x\ts\nUInt8\tString\n1\ta\n");
    EXPECT_EQ(run("SELECT 1 AS x UNION ALL SELECT 2 AS x", "TSVWithNames"), "x\n1\n2\n");
    EXPECT_EQ(run("SELECT toUInt64(number) AS n FROM numbers(3) ORDER BY n DESC", "TSVWithNames"), "n\n2\n1\n0\n");
    EXPECT_THROW(run("SELECT missing_column"), Exception);
    EXPECT_THROW(run("SELECT * FROM missing_table"), Exception);
}

/// Reads of a few granules over several parts run their streams on the calling thread: every row, in order after ORDER BY.
TEST_F(SelectInterpreterTest, SmallReadOverSeveralPartsReturnsEveryRow)
{
    run("CREATE TABLE e (k String, t UInt32, v UInt64) ENGINE = MergeTree ORDER BY (k, t) SETTINGS index_granularity = 4");
    run("INSERT INTO e VALUES ('a', 3, 30), ('b', 1, 1), ('c', 1, 1)");
    run("INSERT INTO e VALUES ('a', 1, 10), ('b', 2, 2), ('d', 1, 1)");
    run("INSERT INTO e VALUES ('a', 2, 20), ('e', 1, 1)");
    EXPECT_EQ(run("SELECT t, v FROM e WHERE k = 'a' ORDER BY t"), "1\t10\n2\t20\n3\t30\n");
    EXPECT_EQ(run("SELECT count() FROM e WHERE k = 'z'"), "0\n");
    EXPECT_EQ(run("SELECT count(), sum(v) FROM e WHERE k >= 'a'"), "8\t66\n");
}

} // namespace pipit
