#include "engine/sql/AST.h"
#include "engine/sql/ASTFormatter.h"
#include "engine/sql/ParseError.h"
#include "engine/sql/Parser.h"

#include <gtest/gtest.h>

#include <pthread.h>
#include <random>

using namespace pipit;

namespace
{

const char * const seeds[] = {
    "SELECT a, b + 1 AS c, count(), quantile(0.9)(x), -1, 1.5e3, [1, 2], (1, 'a'), x IN (1, 2), CAST(x AS String), x::Int8 FROM db.t",
    "WITH cte AS (SELECT 1 AS x) SELECT DISTINCT x FROM cte AS c LEFT ANY JOIN o USING (x) ARRAY JOIN arr AS a WHERE x > 1 "
    "GROUP BY x WITH TOTALS HAVING count() > 1 ORDER BY x ASC NULLS FIRST LIMIT 1 BY x LIMIT 5 OFFSET 2 SETTINGS a = 1 FORMAT JSON",
    "SELECT row_number() OVER (PARTITION BY a ORDER BY b DESC ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM numbers(10) WINDOW w AS "
    "(ORDER BY n)",
    "SELECT arrayMap(x -> x * 2, [1, 2]), a ? b : c, NOT NOT a, a || b, x[1][2], t.1, now() - INTERVAL 1 DAY, CASE WHEN a THEN 1 ELSE 2 "
    "END",
    "SELECT 1 UNION ALL SELECT 2 UNION DISTINCT (SELECT 3 EXCEPT SELECT 4)",
    "CREATE TABLE IF NOT EXISTS db.e (ts DateTime64(3, 'UTC') CODEC(Delta, ZSTD(1)), id UInt64 DEFAULT 0 COMMENT 'x', "
    "s LowCardinality(Nullable(String)), INDEX i s TYPE bloom_filter(0.01) GRANULARITY 4) ENGINE = ReplacingMergeTree(v) "
    "PARTITION BY toYYYYMM(ts) ORDER BY (id, ts) TTL ts + INTERVAL 1 DAY SETTINGS index_granularity = 8192",
    "INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')",
    "INSERT INTO t FORMAT JSONEachRow {\"a\": 1}",
    "ALTER TABLE t DELETE WHERE x = 1 AND y IN (SELECT z FROM u)",
    "SELECT {p:Array(String)}, 'it''s', `q c`, \"d\" FROM t FINAL SAMPLE 0.1 PREWHERE x WHERE y -- comment\n /* c */",
    "EXPLAIN SYNTAX SELECT * EXCEPT (a) FROM t AS x INNER JOIN u ON x.a = u.a",
    "SHOW TABLES FROM db LIKE 'a%'; DESCRIBE t; OPTIMIZE TABLE t FINAL; SET a = 1; DROP TABLE IF EXISTS t",
};

const char * const fragments[] = {
    "(",       ")",      "[",       "]",        "{",    "}",     ",",    ";",     ".",        "*",
    "-",       "+",      "::",      "->",       "?",    ":",     "'",    "\"",    "`",        "--",
    "/*",      "*/",     "#",       "SELECT",   "FROM", "WHERE", "AND",  "OR",    "NOT",      "IN",
    "BETWEEN", "CASE",   "WHEN",    "END",      "AS",   "JOIN",  "ON",   "USING", "UNION",    "INTERVAL",
    "CAST",    "NULL",   "1",       "1e",       "0x",   "1.5",   "x",    "f(",    "ORDER BY", "LIMIT",
    "WITH",    "OVER",   "(SELECT", "IS",       "||",   "\\",    "\xff", "\0",    " ",        "\n",
    "EXCEPT",  "FORMAT", "VALUES",  "SETTINGS", "=",    "<=>",   "!",    "|",     "DISTINCT", "FILTER (WHERE",
};

/// Parses a mutated query: either a tree or a SYNTAX_ERROR, never anything else. Parsed trees must format and
/// re-parse.
void checkInput(const std::string & input)
{
    ASTPtr ast;
    try
    {
        size_t pos = 0;
        while (pos < input.size())
        {
            ast = parseQueryAt(input, pos);
            if (!ast)
                break;
            const std::string formatted = formatAST(*ast);
            (void)formatColumnName(*ast);
            (void)dumpAST(*ast);
            ASTPtr again;
            try
            {
                again = parseQuery(formatted);
            }
            catch (const ParseError & e)
            {
                if (ast->kind != ASTKind::InsertQuery)
                    ADD_FAILURE() << "formatted query does not parse: " << formatted << "\n  from: " << input << "\n  " << e.message();
                continue;
            }
            if (ast->kind != ASTKind::InsertQuery)
            {
                EXPECT_EQ(dumpAST(*again), dumpAST(*ast)) << formatted << "\n  from: " << input;
            }
        }
    }
    catch (const ParseError & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::SYNTAX_ERROR);
        EXPECT_LE(e.offset(), input.size());
    }
    catch (const std::exception & e)
    {
        ADD_FAILURE() << "unexpected exception: " << e.what() << "\n  input: " << input;
    }
}

std::string repeat(std::string_view s, size_t n)
{
    std::string out;
    out.reserve(s.size() * n);
    for (size_t i = 0; i < n; ++i)
        out += s;
    return out;
}

bool throwsSyntaxError(const std::string & query)
{
    try
    {
        parseQuery(query);
        return false;
    }
    catch (const ParseError & e)
    {
        return e.code() == ErrorCode::SYNTAX_ERROR;
    }
}

} // namespace

TEST(ParserFuzz, RandomMutationsNeverCrash)
{
    std::mt19937_64 rng(20261124);
    auto pick = [&](size_t n)
    {
        return static_cast<size_t>(rng() % std::max<size_t>(n, 1));
    };
    for (size_t iteration = 0; iteration < 30000; ++iteration)
    {
        std::string query = seeds[pick(std::size(seeds))];
        const size_t mutations = 1 + pick(4);
        for (size_t m = 0; m < mutations; ++m)
        {
            const size_t at = pick(query.size() + 1);
            switch (pick(6))
            {
            case 0: /// delete a range
                query.erase(at, pick(8) + 1);
                break;
            case 1: /// insert a fragment
            {
                std::string fragment = fragments[pick(std::size(fragments))];
                if (fragment.empty())
                    fragment.push_back('\0');
                query.insert(at, " " + fragment + " ");
                break;
            }
            case 2: /// duplicate a slice
            {
                const size_t length = pick(20);
                query.insert(at, query.substr(at, length));
                break;
            }
            case 3: /// truncate
                query.resize(at);
                break;
            case 4: /// random byte
                if (!query.empty())
                    query[pick(query.size())] = static_cast<char>(pick(256));
                break;
            default: /// swap two slices
            {
                const size_t other = pick(query.size() + 1);
                if (at < query.size() && other < query.size())
                    std::swap(query[at], query[other]);
                break;
            }
            }
        }
        checkInput(query);
        if (HasFailure())
            break;
    }
}

TEST(ParserFuzz, RandomBytesNeverCrash)
{
    std::mt19937_64 rng(7);
    for (size_t iteration = 0; iteration < 5000; ++iteration)
    {
        std::string query(rng() % 64, '\0');
        for (auto & c : query)
            c = static_cast<char>(rng() % 128);
        checkInput(query);
        if (HasFailure())
            break;
    }
}

TEST(ParserFuzz, DeepNestingIsASyntaxError)
{
    const size_t n = 100000;
    EXPECT_TRUE(throwsSyntaxError("SELECT " + repeat("(", n) + "1" + repeat(")", n)));
    EXPECT_TRUE(throwsSyntaxError("SELECT " + repeat("(", n)));
    EXPECT_TRUE(throwsSyntaxError("SELECT " + repeat("[", n) + "1" + repeat("]", n)));
    EXPECT_TRUE(throwsSyntaxError("SELECT " + repeat("f(", n) + "1" + repeat(")", n)));
    EXPECT_TRUE(throwsSyntaxError("SELECT " + repeat("- ", n) + "x"));
    EXPECT_TRUE(throwsSyntaxError("SELECT " + repeat("NOT ", n) + "x"));
    EXPECT_TRUE(throwsSyntaxError("SELECT " + repeat("(SELECT ", n) + "1" + repeat(")", n)));
    EXPECT_TRUE(throwsSyntaxError("SELECT " + repeat("x -> ", n) + "x"));
    EXPECT_TRUE(throwsSyntaxError("SELECT " + repeat("a ? b : ", n) + "c"));
    EXPECT_TRUE(throwsSyntaxError("SELECT 1" + repeat(" + 1", n)));
    EXPECT_TRUE(throwsSyntaxError("SELECT x" + repeat("[1]", n)));
    EXPECT_TRUE(throwsSyntaxError("SELECT x" + repeat("::Int8", n)));
    EXPECT_TRUE(throwsSyntaxError("SELECT CAST(1 AS " + repeat("Array(", n) + "UInt8" + repeat(")", n) + ")"));
    EXPECT_TRUE(throwsSyntaxError("SELECT 1 " + repeat("UNION ALL SELECT 1 ", n)));
    EXPECT_TRUE(throwsSyntaxError("SELECT * FROM t" + repeat(" JOIN t USING x", n)));
    EXPECT_TRUE(throwsSyntaxError("SELECT " + repeat("CASE WHEN 1 THEN ", n) + "1" + repeat(" END", n)));

    /// Nesting within the limit parses.
    EXPECT_NO_THROW(parseQuery("SELECT " + repeat("(", 100) + "1" + repeat(")", 100)));
    EXPECT_NO_THROW(parseQuery("SELECT 1" + repeat(" + 1", 500)));
    ParserOptions shallow;
    shallow.max_depth = 10;
    EXPECT_THROW(parseQuery("SELECT " + repeat("(", 20) + "1" + repeat(")", 20), shallow), ParseError);
}

TEST(ParserFuzz, WideButFlatQueriesParse)
{
    const size_t n = 100000;
    std::string in_list = "SELECT x IN (1";
    for (size_t i = 2; i <= n; ++i)
        in_list += ", " + std::to_string(i);
    in_list += ")";
    EXPECT_NO_THROW(parseQuery(in_list));
    EXPECT_NO_THROW(parseQuery("SELECT 1 WHERE a" + repeat(" AND a", n)));
    EXPECT_NO_THROW(parseQuery("SELECT a" + repeat(", a", n)));
    std::string values = "INSERT INTO t VALUES " + repeat("(1, 'a'), ", n) + "(2, 'b')";
    auto insert = parseQuery(values);
    EXPECT_EQ(insert->as<ASTInsertQuery>()->data_end, values.size());
}

namespace
{

struct SmallStackRun
{
    std::string query;
    bool syntax_error = false;
};

void * parseOnThread(void * arg)
{
    auto * run = static_cast<SmallStackRun *>(arg);
    try
    {
        parseQuery(run->query);
    }
    catch (const ParseError &)
    {
        run->syntax_error = true;
    }
    return nullptr;
}

} // namespace

TEST(ParserFuzz, DeepNestingOnSmallThreadStackIsASyntaxError)
{
    /// max_depth alone would need more stack than this thread has: the parser must notice and stop in time.
    SmallStackRun run {"SELECT " + repeat("f(-[(", 250) + "1" + repeat(")]))", 250)};
    pthread_attr_t attr;
    ASSERT_EQ(pthread_attr_init(&attr), 0);
    ASSERT_EQ(pthread_attr_setstacksize(&attr, 256 * 1024), 0);
    pthread_t thread;
    ASSERT_EQ(pthread_create(&thread, &attr, parseOnThread, &run), 0);
    pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);
    EXPECT_TRUE(run.syntax_error);
}
