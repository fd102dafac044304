#include "engine/execution/QueryPipeline.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/columns/ColumnString.h"
#include "engine/columns/ColumnVector.h"
#include "engine/sql/Parser.h"

#include <gtest/gtest.h>

#include <map>

using namespace pipit;

namespace
{

/// A table of in-memory blocks; read() deals them round-robin to num_streams sources and honours
/// the key condition per block (one "granule" per block, keyed by the first column).
class TestStorage final : public IStorage
{
public:
    TestStorage(ColumnsDescription columns, std::vector<Block> blocks)
        : columns_(std::move(columns))
        , blocks_(std::move(blocks))
    {
    }

    std::string getEngineName() const override { return "Test"; }
    const ColumnsDescription & getColumns() const override { return columns_; }
    void insert(const Block & block, bool) override { blocks_.push_back(block); }
    std::optional<size_t> totalRows() const override
    {
        size_t rows = 0;
        for (const auto & b : blocks_)
            rows += b.rows();
        return rows;
    }
    void truncate() override { blocks_.clear(); }
    void drop() override {}
    void deleteWhere(const IStorageExpression &) override {}

    std::vector<SourcePtr> read(const ReadRequest & request, ReadStatistics * statistics) override
    {
        ++reads;
        last_columns = request.column_names;
        std::vector<std::vector<Block>> per_stream(std::max<size_t>(1, request.num_streams));
        size_t selected = 0;
        for (size_t i = 0; i < blocks_.size(); ++i)
        {
            const auto & block = blocks_[i];
            if (request.key_condition && block.rows())
            {
                const auto & key = block.getByPosition(0).column;
                if (!request.key_condition->mayBeTrueInRange({(*key)[0]}, {(*key)[block.rows() - 1]}))
                    continue;
            }
            ++selected;
            Block projected;
            for (const auto & name : request.column_names)
                projected.insert(block.getByName(name));
            per_stream[i % per_stream.size()].push_back(projected);
        }
        if (statistics)
        {
            statistics->granules_total += blocks_.size();
            statistics->granules_selected += selected;
            statistics->parts_total += 1;
            statistics->parts_selected += selected ? 1 : 0;
        }
        std::vector<SourcePtr> sources;
        for (auto & blocks : per_stream)
            sources.push_back(std::make_unique<Source>(std::move(blocks)));
        return sources;
    }

    size_t reads = 0;
    std::vector<std::string> last_columns;

private:
    class Source final : public ISource
    {
    public:
        explicit Source(std::vector<Block> blocks)
            : blocks_(std::move(blocks))
        {
        }
        Block read() override { return next_ < blocks_.size() ? blocks_[next_++] : Block(); }

    private:
        std::vector<Block> blocks_;
        size_t next_ = 0;
    };

    ColumnsDescription columns_;
    std::vector<Block> blocks_;
};

class TestResolver final : public ITableResolver
{
public:
    ResolvedTable resolveTable(const std::string & database, const std::string & table) const override
    {
        auto it = tables.find(table);
        if (it == tables.end())
            throw Exception(ErrorCode::UNKNOWN_TABLE, "Table " + database + "." + table + " doesn't exist");
        return it->second;
    }
    std::map<std::string, ResolvedTable> tables;
};

/// Table t(id UInt64, name String, value Int32, ts DateTime, maybe Nullable(Int64)) with `rows`
/// rows in blocks of `block_rows`, sorted by id; id = i, value = i % 10 - 5, name = "n<i%3>",
/// ts = 2024-03-01 00:00:00 + i * 600, maybe = NULL for even i else i.
std::shared_ptr<TestStorage> makeTable(size_t rows, size_t block_rows)
{
    ColumnsDescription columns = {
        {"id", parseDataType("UInt64"), "", "", ""},
        {"name", parseDataType("String"), "", "", ""},
        {"value", parseDataType("Int32"), "", "", ""},
        {"ts", parseDataType("DateTime('UTC')"), "", "", ""},
        {"maybe", parseDataType("Nullable(Int64)"), "", "", ""},
    };
    std::vector<Block> blocks;
    for (size_t start = 0; start < rows; start += block_rows)
    {
        size_t n = std::min(block_rows, rows - start);
        auto id = ColumnUInt64::create();
        auto name = ColumnString::create();
        auto value = ColumnInt32::create();
        auto ts = ColumnUInt32::create();
        auto maybe_values = ColumnInt64::create();
        auto maybe_nulls = ColumnUInt8::create();
        for (size_t i = start; i < start + n; ++i)
        {
            id->insertValue(i);
            name->insertValue("n" + std::to_string(i % 3));
            value->insertValue(static_cast<Int32>(i % 10) - 5);
            ts->insertValue(static_cast<UInt32>(1709251200 + i * 600));
            maybe_values->insertValue(i % 2 ? static_cast<Int64>(i) : 0);
            maybe_nulls->insertValue(i % 2 ? 0 : 1);
        }
        Block block;
        block.insert({std::move(id), columns[0].type, "id"});
        block.insert({std::move(name), columns[1].type, "name"});
        block.insert({std::move(value), columns[2].type, "value"});
        block.insert({std::move(ts), columns[3].type, "ts"});
        block.insert({ColumnNullable::create(std::move(maybe_values), std::move(maybe_nulls)), columns[4].type, "maybe"});
        blocks.push_back(std::move(block));
    }
    return std::make_shared<TestStorage>(columns, std::move(blocks));
}

struct QueryOutput
{
    SelectResult result;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> names;
    std::vector<std::string> types;
};

class QueryPipelineTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        storage = makeTable(1000, 100);
        ResolvedTable table;
        table.database = "default";
        table.table = "t";
        table.storage = storage;
        table.columns = storage->getColumns();
        table.sort_key = {parseExpression("id")};
        resolver.tables["t"] = table;
    }

    QueryOutput run(const std::string & sql, size_t threads = 4)
    {
        QueryOutput out;
        ExecutionSettings settings;
        settings.max_threads = threads;
        out.result = QueryPipeline::executeSelect(parseQuery(sql), resolver, settings,
                                                  [&](const Block & block)
                                                  {
                                                      for (size_t r = 0; r < block.rows(); ++r)
                                                      {
                                                          std::vector<std::string> row;
                                                          for (const auto & column : block)
                                                              row.push_back((*column.column)[r].dump());
                                                          out.rows.push_back(row);
                                                      }
                                                  });
        for (const auto & c : out.result.header)
        {
            out.names.push_back(c.name);
            out.types.push_back(c.type->getName());
        }
        return out;
    }

    std::string single(const std::string & sql)
    {
        auto out = run(sql);
        EXPECT_EQ(out.rows.size(), 1u) << sql;
        EXPECT_EQ(out.rows.empty() ? 0u : out.rows[0].size(), 1u) << sql;
        return out.rows.empty() ? "" : out.rows[0][0];
    }

    ErrorCode errorOf(const std::string & sql)
    {
        try
        {
            run(sql);
        }
        catch (const Exception & e)
        {
            return e.code();
        }
        return ErrorCode::OK;
    }

    std::shared_ptr<TestStorage> storage;
    TestResolver resolver;
};

} // namespace

TEST_F(QueryPipelineTest, SelectWithoutFrom)
{
    auto out = run("SELECT 1 + 1, 'a' AS s, toTypeName(1 + 1)");
    ASSERT_EQ(out.rows.size(), 1u);
    EXPECT_EQ(out.names, (std::vector<std::string> {"plus(1, 1)", "s", "toTypeName(plus(1, 1))"}));
    EXPECT_EQ(out.rows[0], (std::vector<std::string> {"2", "'a'", "'UInt16'"}));
    EXPECT_EQ(out.types[0], "UInt16");
}

TEST_F(QueryPipelineTest, CountFastPathAndWithWhere)
{
    EXPECT_EQ(single("SELECT count() FROM t"), "1000");
    EXPECT_EQ(storage->reads, 0u);
    EXPECT_EQ(single("SELECT count() FROM t WHERE value > 0"), "400");
    EXPECT_EQ(single("SELECT count(*) FROM t WHERE name = 'n1'"), "333");
    EXPECT_EQ(single("SELECT count(maybe) FROM t"), "500");
    EXPECT_EQ(single("SELECT count() FROM t WHERE id > 5000"), "0");
}

TEST_F(QueryPipelineTest, FilterProjectionAliases)
{
    auto out = run("SELECT id, value * 2 AS double_value FROM t WHERE double_value > 6 AND id < 20 ORDER BY id");
    ASSERT_EQ(out.rows.size(), 2u);
    EXPECT_EQ(out.rows[0], (std::vector<std::string> {"9", "8"}));
    EXPECT_EQ(out.rows[1], (std::vector<std::string> {"19", "8"}));
    EXPECT_EQ(out.names[1], "double_value");
    /// Alias used before its definition and `f(x) AS x` shadowing: WHERE value means value + 100.
    out = run("SELECT value + 100 AS value FROM t WHERE value > 104 AND id < 10");
    ASSERT_EQ(out.rows.size(), 0u);
    out = run("SELECT value + 100 AS value FROM t WHERE value >= 104 AND id < 10 ORDER BY id");
    ASSERT_EQ(out.rows.size(), 1u);
    EXPECT_EQ(out.rows[0][0], "104");
    /// Only the needed columns are read.
    run("SELECT id FROM t WHERE value = 1");
    EXPECT_EQ(storage->last_columns, (std::vector<std::string> {"value", "id"}));
}

TEST_F(QueryPipelineTest, OrderByLimitOffsetTopN)
{
    auto out = run("SELECT id, value FROM t ORDER BY value DESC, id ASC LIMIT 3 OFFSET 1");
    ASSERT_EQ(out.rows.size(), 3u);
    EXPECT_EQ(out.rows[0], (std::vector<std::string> {"19", "4"}));
    EXPECT_EQ(out.rows[1], (std::vector<std::string> {"29", "4"}));
    EXPECT_EQ(out.rows[2], (std::vector<std::string> {"39", "4"}));
    EXPECT_EQ(out.result.rows_before_limit_at_least, 1000u);
    out = run("SELECT id FROM t ORDER BY id DESC LIMIT 2");
    EXPECT_EQ(out.rows[0][0], "999");
    EXPECT_EQ(out.rows[1][0], "998");
    /// Positional ORDER BY.
    out = run("SELECT name, id FROM t ORDER BY 2 DESC LIMIT 1");
    EXPECT_EQ(out.rows[0][1], "999");
}

TEST_F(QueryPipelineTest, ReadStatisticsAndLimitFlag)
{
    auto out = run("SELECT id FROM t WHERE value = 1");
    EXPECT_EQ(out.result.statistics.rows_read, 1000u);
    EXPECT_GT(out.result.statistics.bytes_read, 1000u * sizeof(UInt64));
    EXPECT_FALSE(out.result.has_limit);
    out = run("SELECT id FROM t ORDER BY id LIMIT 2 UNION ALL SELECT id FROM t WHERE id < 3");
    EXPECT_TRUE(out.result.has_limit);
    /// Both UNION elements count (the second reads only the granules of id < 3).
    EXPECT_GT(out.result.statistics.rows_read, 1000u);
    /// A subquery's and a CTE's table reads count once; the rows of their materialised results do not.
    out = run("SELECT count() FROM (SELECT id FROM t WHERE value = 1)");
    EXPECT_EQ(out.result.statistics.rows_read, 1000u);
    out = run("WITH s AS (SELECT id FROM t) SELECT count() FROM s WHERE id > 10");
    EXPECT_EQ(out.result.statistics.rows_read, 1000u);
    /// One side reads the whole table, the other one granule of 100 rows (key pruning); both count.
    out = run("SELECT count() FROM t WHERE id IN (SELECT id FROM t WHERE id < 5)");
    EXPECT_EQ(out.result.statistics.rows_read, 1100u);
}

TEST_F(QueryPipelineTest, NullsLastByDefault)
{
    auto out = run("SELECT maybe FROM t WHERE id < 4 ORDER BY maybe");
    ASSERT_EQ(out.rows.size(), 4u);
    EXPECT_EQ(out.rows[0][0], "1");
    EXPECT_EQ(out.rows[1][0], "3");
    EXPECT_EQ(out.rows[2][0], "NULL");
    out = run("SELECT maybe FROM t WHERE id < 4 ORDER BY maybe DESC");
    EXPECT_EQ(out.rows[0][0], "3");
    EXPECT_EQ(out.rows[3][0], "NULL");
    out = run("SELECT maybe FROM t WHERE id < 4 ORDER BY maybe NULLS FIRST");
    EXPECT_EQ(out.rows[0][0], "NULL");
}

TEST_F(QueryPipelineTest, LimitWithoutOrderStopsEarly)
{
    auto out = run("SELECT * FROM t LIMIT 5", 1);
    ASSERT_EQ(out.rows.size(), 5u);
    EXPECT_EQ(out.names, (std::vector<std::string> {"id", "name", "value", "ts", "maybe"}));
    EXPECT_EQ(out.rows[4][0], "4");
    EXPECT_GE(out.result.rows_before_limit_at_least, 5u);
}

TEST_F(QueryPipelineTest, EmptyResult)
{
    auto out = run("SELECT id FROM t WHERE id > 100000 ORDER BY id");
    EXPECT_TRUE(out.rows.empty());
    EXPECT_EQ(out.names, (std::vector<std::string> {"id"}));
    out = run("SELECT sum(value), count() FROM t WHERE id > 100000");
    ASSERT_EQ(out.rows.size(), 1u);
    EXPECT_EQ(out.rows[0], (std::vector<std::string> {"0", "0"}));
    out = run("SELECT name, count() FROM t WHERE id > 100000 GROUP BY name");
    EXPECT_TRUE(out.rows.empty());
}

TEST_F(QueryPipelineTest, GroupByAggregates)
{
    auto out = run("SELECT name, count() AS c, sum(value), min(id), max(id), avg(value) FROM t GROUP BY name ORDER BY name");
    ASSERT_EQ(out.rows.size(), 3u);
    EXPECT_EQ(out.rows[0][0], "'n0'");
    EXPECT_EQ(out.rows[0][1], "334");
    EXPECT_EQ(out.rows[0][3], "0");
    EXPECT_EQ(out.rows[0][4], "999");
    EXPECT_EQ(out.types[2], "Int64");
    out = run("SELECT toDate(ts) AS d, count() FROM t GROUP BY d HAVING count() > 100 ORDER BY d");
    ASSERT_EQ(out.rows.size(), 7u);
    EXPECT_EQ(out.rows[0][1], "144");
    EXPECT_EQ(out.rows[6][1], "136");
    EXPECT_EQ(single("SELECT uniqExact(name) FROM t"), "3");
    EXPECT_EQ(single("SELECT countIf(value > 0) FROM t"), "400");
    EXPECT_EQ(single("SELECT sum(maybe) FROM t WHERE id < 4"), "4");
}

TEST_F(QueryPipelineTest, KeyConditionSkipsBlocks)
{
    auto out = run("SELECT count() FROM t WHERE id >= 150 AND id < 250");
    EXPECT_EQ(out.rows[0][0], "100");
    EXPECT_EQ(out.result.statistics.granules_selected, 2u);
    out = run("SELECT count() FROM t WHERE id IN (5, 950)");
    EXPECT_EQ(out.rows[0][0], "2");
    EXPECT_EQ(out.result.statistics.granules_selected, 2u);
    out = run("SELECT count() FROM t WHERE id + 1 = 11 OR name = 'x'");
    EXPECT_EQ(out.result.statistics.granules_selected, 10u);
    out = run("SELECT count() FROM t WHERE NOT (id >= 100)");
    EXPECT_EQ(out.rows[0][0], "100");
    EXPECT_EQ(out.result.statistics.granules_selected, 1u);
    std::string explain = QueryPipeline::explainSelect(parseQuery("SELECT id FROM t WHERE id = 5"), resolver, {});
    EXPECT_NE(explain.find("Granules: 1/10"), std::string::npos) << explain;
}

TEST_F(QueryPipelineTest, NumbersTableFunction)
{
    EXPECT_EQ(single("SELECT sum(number) FROM numbers(100)"), "4950");
    auto out = run("SELECT number FROM numbers(10, 5) ORDER BY number DESC LIMIT 2");
    ASSERT_EQ(out.rows.size(), 2u);
    EXPECT_EQ(out.rows[0][0], "14");
    out = run("SELECT number FROM system.numbers WHERE number % 7 = 3 LIMIT 3", 1);
    ASSERT_EQ(out.rows.size(), 3u);
    EXPECT_EQ(out.rows[2][0], "17");
    EXPECT_EQ(single("SELECT count() FROM numbers(200000) WHERE number % 2 = 0"), "100000");
}

TEST_F(QueryPipelineTest, DistinctAndUnionAll)
{
    auto out = run("SELECT DISTINCT name FROM t ORDER BY name");
    ASSERT_EQ(out.rows.size(), 3u);
    out = run("SELECT 1 AS x UNION ALL SELECT 2");
    ASSERT_EQ(out.rows.size(), 2u);
    EXPECT_EQ(out.names[0], "x");
}

TEST_F(QueryPipelineTest, Errors)
{
    EXPECT_EQ(errorOf("SELECT nope FROM t"), ErrorCode::UNKNOWN_IDENTIFIER);
    EXPECT_EQ(errorOf("SELECT id FROM missing"), ErrorCode::UNKNOWN_TABLE);
    EXPECT_EQ(errorOf("SELECT id FROM t WHERE count() > 1"), ErrorCode::ILLEGAL_AGGREGATION);
    EXPECT_EQ(errorOf("SELECT id, count() FROM t"), ErrorCode::NOT_AN_AGGREGATE);
    EXPECT_EQ(errorOf("SELECT nosuchfunction(id) FROM t"), ErrorCode::UNKNOWN_FUNCTION);
    EXPECT_EQ(errorOf("SELECT id + name FROM t"), ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT);
    EXPECT_EQ(errorOf("SELECT number FROM system.numbers"), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(errorOf("SELECT intDiv(id, 0) FROM t"), ErrorCode::ILLEGAL_DIVISION);
}

TEST_F(QueryPipelineTest, DateFilteringWithStringConstants)
{
    EXPECT_EQ(single("SELECT count() FROM t WHERE ts >= '2024-03-01 12:00:00' AND ts < '2024-03-02 00:00:00'"), "72");
    EXPECT_EQ(single("SELECT count() FROM t WHERE toDate(ts) = '2024-03-02'"), "144");
    EXPECT_EQ(single("SELECT max(ts + INTERVAL 1 DAY) FROM t WHERE id = 0"), "1709337600");
    EXPECT_EQ(single("SELECT toStartOfHour(ts) FROM t WHERE id = 7"), "1709254800");
}

TEST_F(QueryPipelineTest, Subqueries)
{
    EXPECT_EQ(single("SELECT count() FROM (SELECT id FROM t WHERE value > 0)"), "400");
    EXPECT_EQ(single("SELECT max(c) FROM (SELECT name, count() AS c FROM t GROUP BY name)"), "334");
    EXPECT_EQ(single("WITH top AS (SELECT id FROM t ORDER BY id DESC LIMIT 3) SELECT sum(id) FROM top"), "2994");
    EXPECT_EQ(single("SELECT count() FROM t WHERE id IN (SELECT id FROM t WHERE value = 4)"), "100");
    EXPECT_EQ(single("SELECT count() FROM t WHERE id > (SELECT max(id) - 10 FROM t)"), "10");
    EXPECT_EQ(single("SELECT (SELECT 1 WHERE 0)"), "NULL");
    EXPECT_EQ(errorOf("SELECT (SELECT number FROM numbers(2))"), ErrorCode::INCORRECT_RESULT_OF_SCALAR_SUBQUERY);
    EXPECT_EQ(single("WITH 5 AS five SELECT five + 1"), "6");
}

TEST_F(QueryPipelineTest, LimitEdgesAndExpressions)
{
    EXPECT_TRUE(run("SELECT id FROM t LIMIT 0").rows.empty());
    EXPECT_TRUE(run("SELECT id FROM t ORDER BY id LIMIT 10 OFFSET 5000").rows.empty());
    auto out = run("SELECT id FROM t ORDER BY value * -1, id LIMIT 2");
    EXPECT_EQ(out.rows[0][0], "9");
    EXPECT_EQ(out.rows[1][0], "19");
    EXPECT_EQ(out.names, (std::vector<std::string> {"id"}));
    EXPECT_TRUE(run("SELECT id FROM t WHERE 0").rows.empty());
    EXPECT_EQ(single("SELECT count() FROM t WHERE maybe > 990"), "5");
    EXPECT_EQ(single("SELECT count() FROM t WHERE NULL"), "0");
    out = run("SELECT id, name FROM t WHERE name LIKE 'n%' AND id BETWEEN 10 AND 12 ORDER BY id");
    ASSERT_EQ(out.rows.size(), 3u);
    EXPECT_EQ(out.rows[2][1], "'n0'");
    EXPECT_EQ(single("SELECT multiIf(1 > 2, 'a', 2 > 1, 'b', 'c')"), "'b'");
    EXPECT_EQ(single("SELECT CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END"), "'two'");
    EXPECT_EQ(single("SELECT toTypeName(count()) FROM t"), "'UInt64'");
    EXPECT_EQ(single("SELECT sum(number) FROM numbers(10) WHERE number IN (1, 2, 3)"), "6");
}
