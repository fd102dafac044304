#include "engine/sql/ASTFormatter.h"
#include "engine/sql/AST.h"
#include "engine/sql/ParseError.h"
#include "engine/sql/Parser.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace pipit;

namespace
{

/// parse(format(parse(q))) == parse(q), compared by tree dump and by formatted text.
void expectRoundTrip(const std::string & query)
{
    SCOPED_TRACE(query);
    ASTPtr first;
    try
    {
        first = parseQuery(query);
    }
    catch (const Exception & e)
    {
        ADD_FAILURE() << "does not parse: " << e.message();
        return;
    }
    const std::string formatted = formatAST(*first);
    ASTPtr second;
    try
    {
        second = parseQuery(formatted);
    }
    catch (const Exception & e)
    {
        ADD_FAILURE() << "formatted query does not parse: " << formatted << "\n" << e.message();
        return;
    }
    EXPECT_EQ(dumpAST(*second), dumpAST(*first)) << formatted;
    EXPECT_EQ(formatAST(*second), formatted);
    EXPECT_EQ(formatted.find('\n'), std::string::npos) << "formatter output must be one line";
    /// Clones format identically.
    EXPECT_EQ(formatAST(*first->clone()), formatted);
}

const char * const corpus[] = {
    "SELECT 1",
    "SELECT a, b + 1 AS c, count(), quantile(0.9)(x), -1, 1.0, 1e5, [1, 2], (1, 'a'), x IN (1, 2), CAST(x AS String), x::Int8",
    "SELECT 1e20, 1e21, 1e-6, 1e-7, 0.1, -2.5e-10, inf, -inf, true, false, NULL, 'it''s', '\\\\n', 0x1F, 0b101, 18446744073709551615",
    "SELECT t.1, arr[1], CASE WHEN a THEN 1 END, x BETWEEN 1 AND 2, x NOT BETWEEN 1 AND 2, a LIKE 'x%' FROM db.t",
    "SELECT * FROM t WHERE a = 1 AND NOT b OR c IS NULL GROUP BY a ORDER BY b DESC LIMIT 10 OFFSET 5 FORMAT JSON",
    "WITH cte AS (SELECT 1 AS x), 5 AS five SELECT DISTINCT x, five FROM cte AS c LEFT ANY JOIN other o USING (x) ARRAY JOIN arr AS a "
    "WHERE x > 1 GROUP BY x WITH TOTALS HAVING count() > 1 ORDER BY x ASC NULLS FIRST LIMIT 1 BY x LIMIT 5",
    "SELECT number, row_number() OVER (PARTITION BY a ORDER BY b DESC ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS rn, sum(x) OVER w "
    "FROM numbers(10) WINDOW w AS (ORDER BY number) SETTINGS max_threads = 1",
    "SELECT 1 UNION ALL SELECT 2 UNION DISTINCT (SELECT 3 UNION ALL SELECT 4) EXCEPT SELECT 5 INTERSECT SELECT 6",
    "SELECT arrayMap(x -> x * 2, [1, 2]), arrayFilter((x, y) -> x > y, a, b), a ? b : c, -x, - 1, -(1), -(-x), NOT NOT a, a || b || c",
    "SELECT x[1][2], t.a.b, (t).a, tuple(1, 2).1, (1).1, (-1)[1], now() - INTERVAL 1 DAY, INTERVAL '2 hours', INTERVAL (x + 1) MINUTE",
    "SELECT INTERVAL x HOUR, INTERVAL -1 DAY, EXTRACT(YEAR FROM d), DATE '2020-01-01', TIMESTAMP '2020-01-01 00:00:00'",
    "SELECT count(DISTINCT u), count(*), sumIf(x, y > 1), sum(x) FILTER (WHERE y), {p:String}, {arr:Array(UInt8)}",
    "SELECT * EXCEPT (a, b), t.*, COLUMNS('^a') FROM t",
    "SELECT a AS b, c d, `weird col`, \"dq\", `from`, `select` AS `order` FROM t FINAL SAMPLE 0.1 PREWHERE x = 1 WHERE (a AS z) > 1 AND z "
    "< 10",
    "SELECT (a + b) * c, a + b * c, a - (b - c), (a - b) - c, a / (b * c), (a = b) = c, a = (b = c), NOT (a AND b), (NOT a) AND b",
    "SELECT (a OR b) AND c, a OR (b AND c), (a ? b : c) + 1, -(a + b), -a[1], (-a)[1], (a AS x) + x, f(a AS y)",
    "SELECT (a BETWEEN 1 AND 2) AND b, a IS NULL IS NULL, (a IS NULL) = 1, a IN (SELECT 1), a GLOBAL NOT IN t, a NOT ILIKE 'x'",
    "SELECT CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' ELSE 'c' END, CASE WHEN a THEN b ELSE c END, multiIf(a, b, c), if(a, b, c)",
    "SELECT [a, 1], [], [[1], [2, 3]], (a, 1), (), tuple(), tuple(1), array(), map('a', 1), (1, (2, 3)), [(1, 'a')]",
    "SELECT a REGEXP 'x', a NOT REGEXP 'y', a <=> b, a != b, a <> b, a == b, a % b, a MOD b, a DIV b",
    "SELECT exists(SELECT 1), EXISTS (SELECT 1), position('a' IN s), extract(s, 'x'), CAST(x, 'UInt8'), CAST(x AS Nullable(String))",
    "SELECT x::Array(Tuple(a UInt8, b String)), x::DateTime64(3, 'UTC'), x::Enum8('a' = 1, 'b' = -1), x::Decimal(18, 4)",
    "SELECT * FROM a AS x GLOBAL ANY LEFT JOIN b ON x.id = b.id INNER JOIN (SELECT 1 AS id) AS s USING (id) CROSS JOIN c, d "
    "ARRAY JOIN arr AS el LEFT ARRAY JOIN [1, 2] AS n ASOF JOIN e USING (id, ts) FULL OUTER JOIN f ON 1 RIGHT SEMI JOIN g ON 1",
    "SELECT * FROM t1 PASTE JOIN t2",
    "SELECT 1 LIMIT 5, 10",
    "SELECT 1 ORDER BY 1 OFFSET 5 ROWS FETCH FIRST 3 ROWS ONLY",
    "SELECT 1 ORDER BY 1 OFFSET 5",
    "SELECT 1 LIMIT 3 WITH TIES",
    "WITH RECURSIVE t AS (SELECT 1 AS x UNION ALL SELECT x + 1 FROM t WHERE x < 3) SELECT * FROM t",
    "SELECT n, a FROM t ORDER BY n WITH FILL STEP 1 INTERPOLATE (a AS a + 1, b)",
    "SELECT n FROM t ORDER BY n WITH FILL INTERPOLATE",
    "SELECT d FROM t ORDER BY d WITH FILL FROM 1 TO 10 STEP 2, e DESC NULLS LAST COLLATE 'en'",
    "SELECT a, b, count() FROM t GROUP BY GROUPING SETS ((a, b), (a), ())",
    "SELECT a FROM t GROUP BY ROLLUP(a, b)",
    "SELECT a FROM t GROUP BY a, b WITH CUBE WITH TOTALS",
    "SELECT a FROM t GROUP BY ALL ORDER BY ALL",
    "SELECT DISTINCT ON (a, b) a, b, c FROM t",
    "SELECT a FROM t QUALIFY row_number() OVER (PARTITION BY a) = 1",
    "SELECT sum(x) OVER (w ORDER BY y RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), lag(x) OVER () FROM t WINDOW w AS "
    "(PARTITION BY z)",
    "SELECT * FROM t SETTINGS max_threads = 2, max_memory_usage = -1, s = 'x' FORMAT TSV SETTINGS output_format_json_quote_64bit_integers "
    "= 0",
    "SELECT 1 INTO OUTFILE 'out.tsv' FORMAT TSV",
    "SELECT (SELECT max(x) FROM t) AS m, x IN (SELECT y FROM u) FROM (SELECT 1 AS x) AS s",
    "WITH (SELECT 1) AS one, x -> x + 1 AS inc SELECT one",
    "SELECT uniqExact(user_id), quantilesTDigest(0.5, 0.9)(duration), argMax(a, b), topK(10)(path), sumMap(k, v) FROM events",
    "INSERT INTO t VALUES (1, 'a'), (2, 'b')",
    "INSERT INTO db.t (a, b) FORMAT JSONEachRow {\"a\": 1}",
    "INSERT INTO t SELECT * FROM s",
    "INSERT INTO TABLE t (a) SETTINGS async_insert = 1 SELECT 1",
    "INSERT INTO FUNCTION file('x.csv', 'CSV') SELECT 1",
    "CREATE TABLE IF NOT EXISTS db.events (ts DateTime64(3, 'UTC') CODEC(Delta, ZSTD(1)), id UInt64 DEFAULT 0 COMMENT 'the id', "
    "s LowCardinality(Nullable(String)), n Nullable(Int32) NULL, m Int32 NOT NULL, e Enum8('a' = 1, 'b' = -2), tup Tuple(a UInt8, b "
    "String), "
    "mat Date MATERIALIZED toDate(ts), al ALIAS id + 1, eph UInt8 EPHEMERAL, t2 String TTL ts + INTERVAL 1 DAY, "
    "INDEX idx s TYPE bloom_filter(0.01) GRANULARITY 4, INDEX mm id TYPE minmax) "
    "ENGINE = ReplacingMergeTree(ver) PARTITION BY toYYYYMM(ts) ORDER BY (id, ts) PRIMARY KEY id SAMPLE BY id "
    "TTL toDateTime(ts) + INTERVAL 30 DAY DELETE, ts + INTERVAL 1 DAY TO DISK 'cold' WHERE id > 1 "
    "SETTINGS index_granularity = 8192 COMMENT 'tbl'",
    "CREATE TABLE t2 ENGINE = MergeTree() ORDER BY tuple() AS SELECT 1 AS x",
    "CREATE TABLE t3 AS db.t ENGINE = Memory",
    "CREATE TABLE t4 AS numbers(10)",
    "CREATE TABLE t5 (a UInt8, PRIMARY KEY a) ORDER BY a",
    "CREATE OR REPLACE TABLE t6 (`from` String, `weird name` UInt8) ENGINE = Log",
    "CREATE TEMPORARY TABLE tmp (x UInt8)",
    "CREATE MATERIALIZED VIEW IF NOT EXISTS mv TO db.dst AS SELECT count() AS c FROM src",
    "CREATE MATERIALIZED VIEW mv2 ENGINE = SummingMergeTree ORDER BY k POPULATE AS SELECT k, count() AS c FROM src GROUP BY k",
    "CREATE VIEW v AS SELECT 1",
    "CREATE DATABASE IF NOT EXISTS d ENGINE = Atomic",
    "DROP TABLE IF EXISTS db.t SYNC",
    "DROP VIEW v",
    "DROP DATABASE IF EXISTS d",
    "DETACH TABLE t",
    "TRUNCATE TABLE IF EXISTS t",
    "SHOW TABLES",
    "SHOW TABLES FROM db NOT LIKE 'x%' LIMIT 10 FORMAT JSON",
    "SHOW DATABASES",
    "SHOW CREATE TABLE db.t",
    "DESCRIBE TABLE t",
    "DESC numbers(10)",
    "DESCRIBE (SELECT 1 AS x)",
    "EXISTS TABLE db.t",
    "EXISTS DATABASE d",
    "OPTIMIZE TABLE t FINAL",
    "OPTIMIZE TABLE t PARTITION 202401 FINAL DEDUPLICATE BY a, b",
    "OPTIMIZE TABLE t PARTITION ID '202401'",
    "ALTER TABLE t DELETE WHERE x = 1",
    "ALTER TABLE db.t UPDATE a = a + 1, b = 'x' WHERE c SETTINGS mutations_sync = 2",
    "ALTER TABLE t ADD COLUMN IF NOT EXISTS c String DEFAULT 'x' AFTER b, DROP COLUMN IF EXISTS d, MODIFY COLUMN e UInt64, "
    "RENAME COLUMN f TO g, COMMENT COLUMN h 'c', CLEAR COLUMN i IN PARTITION 1",
    "ALTER TABLE t ADD INDEX i x TYPE set(100) GRANULARITY 2, DROP INDEX j, MATERIALIZE INDEX i, MODIFY ORDER BY (a, b)",
    "ALTER TABLE t MODIFY TTL ts + INTERVAL 1 DAY",
    "ALTER TABLE t REMOVE TTL, MODIFY SETTING a = 1, MODIFY COMMENT 'x', DROP PARTITION ID 'p'",
    "EXPLAIN AST SELECT 1",
    "EXPLAIN SYNTAX SELECT a FROM t",
    "EXPLAIN PLAN header = 1, actions = 1 SELECT 1 FORMAT TSV",
    "EXPLAIN PIPELINE SELECT 1",
    "SET max_threads = 4, s = 'x', f = 1.5, n = -3",
    "USE db",
    "RENAME TABLE a TO b, db.c TO db2.d",
    "EXCHANGE TABLES db.live AND db.staging",
};

} // namespace

TEST(ASTFormatter, RoundTripCorpus)
{
    for (const char * query : corpus)
        expectRoundTrip(query);
}

TEST(ASTFormatter, RoundTripBenchQueries)
{
    const std::filesystem::path root = "/work/shared/bench/queries";
    if (!std::filesystem::exists(root))
        GTEST_SKIP() << "bench queries not available";
    size_t files = 0;
    for (const auto & dir : std::filesystem::directory_iterator(root))
    {
        if (!dir.is_directory())
            continue;
        for (const auto & file : std::filesystem::directory_iterator(dir.path()))
        {
            const std::string name = file.path().filename().string();
            if (name.size() < 7 || name.substr(name.size() - 7) != ".ch.sql")
                continue;
            std::ifstream in(file.path());
            std::stringstream buffer;
            buffer << in.rdbuf();
            expectRoundTrip(buffer.str());
            ++files;
        }
    }
    EXPECT_GE(files, 28u);
}

TEST(ASTFormatter, ColumnNamesLikeClickHouse)
{
    auto name = [](std::string_view expression)
    {
        return formatColumnName(*parseExpression(expression));
    };
    EXPECT_EQ(name("count()"), "count()");
    EXPECT_EQ(name("count(*)"), "count()");
    EXPECT_EQ(name("a + 1"), "plus(a, 1)");
    EXPECT_EQ(name("toDate(ts)"), "toDate(ts)");
    EXPECT_EQ(name("1"), "1");
    EXPECT_EQ(name("-1"), "-1");
    EXPECT_EQ(name("1.5"), "1.5");
    EXPECT_EQ(name("1.0"), "1.");
    EXPECT_EQ(name("1e5"), "100000.");
    EXPECT_EQ(name("'abc'"), "'abc'");
    EXPECT_EQ(name("'it''s'"), "'it\\'s'");
    EXPECT_EQ(name("NULL"), "NULL");
    EXPECT_EQ(name("true"), "true");
    EXPECT_EQ(name("[1, 2]"), "[1, 2]");
    EXPECT_EQ(name("(1, 'a')"), "(1, 'a')");
    EXPECT_EQ(name("quantile(0.9)(x)"), "quantile(0.9)(x)");
    EXPECT_EQ(name("CAST(x AS String)"), "CAST(x, 'String')");
    EXPECT_EQ(name("x::UInt8"), "CAST(x, 'UInt8')");
    EXPECT_EQ(name("t.x"), "t.x");
    EXPECT_EQ(name("a AS b"), "a");
    EXPECT_EQ(name("now() - INTERVAL 1 DAY"), "minus(now(), toIntervalDay(1))");
    EXPECT_EQ(name("x IN (1, 2)"), "in(x, (1, 2))");
    EXPECT_EQ(name("NOT a"), "not(a)");
    EXPECT_EQ(name("a AND b AND c"), "and(a, b, c)");
    EXPECT_EQ(name("arrayMap(x -> x + 1, arr)"), "arrayMap(lambda(tuple(x), plus(x, 1)), arr)");
    EXPECT_EQ(name("countIf(x = 1)"), "countIf(equals(x, 1))");
    EXPECT_EQ(name("round(avg(x), 2)"), "round(avg(x), 2)");
    EXPECT_EQ(name("sum(x) OVER (PARTITION BY y ORDER BY z DESC)"), "sum(x) OVER (PARTITION BY y ORDER BY z DESC)");
}

TEST(ASTFormatter, QuotesOnlyWhenNeeded)
{
    EXPECT_EQ(quoteIdentifierIfNeeded("abc_1"), "abc_1");
    EXPECT_EQ(quoteIdentifierIfNeeded("my col"), "`my col`");
    EXPECT_EQ(quoteIdentifierIfNeeded("1abc"), "`1abc`");
    EXPECT_EQ(quoteIdentifierIfNeeded("from"), "`from`");
    EXPECT_EQ(quoteIdentifierIfNeeded("a`b"), "`a\\`b`");
    EXPECT_EQ(quoteIdentifierIfNeeded(""), "``");
    EXPECT_EQ(quoteString("it's\n\\"), "'it\\'s\\n\\\\'");
}

TEST(ASTFormatter, CreateTableIsStoredReadably)
{
    auto ast = parseQuery("create table t (a UInt64, s String default 'x') engine = MergeTree order by (a, s)");
    EXPECT_EQ(formatAST(*ast), "CREATE TABLE t (a UInt64, s String DEFAULT 'x') ENGINE = MergeTree ORDER BY (a, s)");
}

TEST(ASTFormatter, DumpShowsTree)
{
    auto ast = parseExpression("a + 1 AS b");
    EXPECT_EQ(dumpAST(*ast), "Function plus (alias b) (operator)\n  Identifier a\n  Literal UInt64_1\n");
}
