#include "engine/sql/Parser.h"
#include "engine/sql/AST.h"
#include "engine/sql/ASTFormatter.h"
#include "engine/sql/ParseError.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace pipit;

namespace
{

/// Structure of an expression in ClickHouse function form: "plus(a, multiply(b, c))".
std::string tree(std::string_view expression)
{
    return formatColumnName(*parseExpression(expression));
}

template <typename T>
std::shared_ptr<T> parseAs(std::string_view query)
{
    auto ast = std::dynamic_pointer_cast<T>(parseQuery(query));
    EXPECT_TRUE(ast) << query;
    return ast;
}

std::shared_ptr<ASTSelectQuery> parseSelect(std::string_view query)
{
    auto ast = parseAs<ASTSelectWithUnionQuery>(query);
    if (!ast)
        return nullptr;
    EXPECT_EQ(ast->selects.size(), 1u);
    return std::dynamic_pointer_cast<ASTSelectQuery>(ast->selects.at(0));
}

} // namespace

TEST(Parser, Precedence)
{
    /// lambda < ?: < OR < AND < NOT < IS NULL < comparison < || < + - < * / % < unary - < :: [] .N
    EXPECT_EQ(tree("a OR b AND c"), "or(a, and(b, c))");
    EXPECT_EQ(tree("a AND b OR c AND d"), "or(and(a, b), and(c, d))");
    EXPECT_EQ(tree("a OR b OR c"), "or(a, b, c)");
    EXPECT_EQ(tree("a AND b AND c"), "and(a, b, c)");
    EXPECT_EQ(tree("NOT a AND b"), "and(not(a), b)");
    EXPECT_EQ(tree("NOT a = b"), "not(equals(a, b))");
    EXPECT_EQ(tree("NOT (a) = b"), "not(equals(a, b))");
    EXPECT_EQ(tree("a = b IS NULL"), "isNull(equals(a, b))");
    EXPECT_EQ(tree("NOT a IS NOT NULL"), "not(isNotNull(a))");
    EXPECT_EQ(tree("a = b || c"), "equals(a, concat(b, c))");
    EXPECT_EQ(tree("a || b + c"), "concat(a, plus(b, c))");
    EXPECT_EQ(tree("a + b * c"), "plus(a, multiply(b, c))");
    EXPECT_EQ(tree("(a + b) * c"), "multiply(plus(a, b), c)");
    EXPECT_EQ(tree("a - b - c"), "minus(minus(a, b), c)");
    EXPECT_EQ(tree("a / b % c DIV d MOD e"), "modulo(intDiv(modulo(divide(a, b), c), d), e)");
    EXPECT_EQ(tree("-a * b"), "multiply(negate(a), b)");
    EXPECT_EQ(tree("-x::Int8"), "negate(CAST(x, 'Int8'))");
    EXPECT_EQ(tree("-1::Int8"), "negate(CAST(1, 'Int8'))");
    EXPECT_EQ(tree("a[1]::String"), "CAST(arrayElement(a, 1), 'String')");
    EXPECT_EQ(tree("a ? b : c ? d : e"), "if(a, b, if(c, d, e))");
    EXPECT_EQ(tree("a OR b ? c : d"), "if(or(a, b), c, d)");
    EXPECT_EQ(tree("x -> x + 1"), "lambda(tuple(x), plus(x, 1))");
    EXPECT_EQ(tree("a < b = c"), "equals(less(a, b), c)");
    EXPECT_EQ(tree("a = 1 AND b BETWEEN 1 AND 2 AND c"), "and(equals(a, 1), and(greaterOrEquals(b, 1), lessOrEquals(b, 2)), c)");
}

TEST(Parser, Operators)
{
    EXPECT_EQ(tree("a == b"), "equals(a, b)");
    EXPECT_EQ(tree("a != b"), "notEquals(a, b)");
    EXPECT_EQ(tree("a <> b"), "notEquals(a, b)");
    EXPECT_EQ(tree("a <= b"), "lessOrEquals(a, b)");
    EXPECT_EQ(tree("a >= b"), "greaterOrEquals(a, b)");
    EXPECT_EQ(tree("a <=> b"), "isNotDistinctFrom(a, b)");
    EXPECT_EQ(tree("a LIKE 'x%'"), "like(a, 'x%')");
    EXPECT_EQ(tree("a NOT LIKE 'x%'"), "notLike(a, 'x%')");
    EXPECT_EQ(tree("a ilike 'x%'"), "ilike(a, 'x%')");
    EXPECT_EQ(tree("a NOT ILIKE 'x%'"), "notILike(a, 'x%')");
    EXPECT_EQ(tree("a IN (1, 2)"), "in(a, (1, 2))");
    EXPECT_EQ(tree("a NOT IN (1, 2)"), "notIn(a, (1, 2))");
    EXPECT_EQ(tree("a GLOBAL IN t"), "globalIn(a, t)");
    EXPECT_EQ(tree("a GLOBAL NOT IN t"), "globalNotIn(a, t)");
    EXPECT_EQ(tree("a IN (SELECT 1)"), "in(a, (SELECT 1))");
    EXPECT_EQ(tree("a IN (b, c)"), "in(a, tuple(b, c))");
    EXPECT_EQ(tree("x NOT BETWEEN 1 AND 2"), "or(less(x, 1), greater(x, 2))");
    EXPECT_EQ(tree("a REGEXP 'x'"), "match(a, 'x')");
    EXPECT_EQ(tree("a IS NULL"), "isNull(a)");
    EXPECT_EQ(tree("a IS NOT NULL"), "isNotNull(a)");
    EXPECT_EQ(tree("a || 'x'"), "concat(a, 'x')");
    EXPECT_EQ(tree("arr[1]"), "arrayElement(arr, 1)");
    EXPECT_EQ(tree("t.1"), "tupleElement(t, 1)");
    EXPECT_EQ(tree("t.1.2"), "tupleElement(tupleElement(t, 1), 2)");
    EXPECT_EQ(tree("(t).name"), "tupleElement(t, 'name')");
    EXPECT_EQ(tree("x::Nullable(String)"), "CAST(x, 'Nullable(String)')");
    EXPECT_EQ(tree("CAST(x AS LowCardinality( String ))"), "CAST(x, 'LowCardinality(String)')");
    EXPECT_EQ(tree("CAST(x, 'UInt8')"), "CAST(x, 'UInt8')");
    EXPECT_EQ(tree("CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END"), "multiIf(a, 1, b, 2, 3)");
    EXPECT_EQ(tree("CASE WHEN a THEN 1 END"), "multiIf(a, 1, NULL)");
    EXPECT_EQ(tree("CASE x WHEN 1 THEN 'a' ELSE 'b' END"), "caseWithExpression(x, 1, 'a', 'b')");
    EXPECT_EQ(tree("INTERVAL 1 DAY"), "toIntervalDay(1)");
    EXPECT_EQ(tree("INTERVAL 3 months"), "toIntervalMonth(3)");
    EXPECT_EQ(tree("INTERVAL '2 hour'"), "toIntervalHour(2)");
    EXPECT_EQ(tree("INTERVAL x + 1 SECOND"), "toIntervalSecond(plus(x, 1))");
    EXPECT_EQ(tree("now() - INTERVAL 1 WEEK"), "minus(now(), toIntervalWeek(1))");
    EXPECT_EQ(tree("interval + 1"), "plus(interval, 1)");
    EXPECT_EQ(tree("EXTRACT(YEAR FROM d)"), "toYear(d)");
    EXPECT_EQ(tree("extract(s, 'a+')"), "extract(s, 'a+')");
    EXPECT_EQ(tree("DATE '2024-01-01'"), "toDate('2024-01-01')");
    EXPECT_EQ(tree("(1, 'a')"), "(1, 'a')");
    EXPECT_EQ(tree("(a, 1)"), "tuple(a, 1)");
    EXPECT_EQ(tree("()"), "tuple()");
    EXPECT_EQ(tree("[1, 2]"), "[1, 2]");
    EXPECT_EQ(tree("[]"), "[]");
    EXPECT_EQ(tree("[a, 1]"), "array(a, 1)");
    EXPECT_EQ(tree("[[1], [2, 3]]"), "[[1], [2, 3]]");
    EXPECT_EQ(tree("position('abc' IN s)"), "position(s, 'abc')");
    EXPECT_EQ(tree("EXISTS (SELECT 1)"), "exists((SELECT 1))");
}

TEST(Parser, Literals)
{
    auto literal = [](std::string_view text)
    {
        return parseExpression(text)->as<ASTLiteral>()->value;
    };
    EXPECT_EQ(literal("1"), Field(UInt64(1)));
    EXPECT_EQ(literal("-1"), Field(Int64(-1)));
    EXPECT_EQ(literal("- 1"), Field(Int64(-1)));
    EXPECT_EQ(literal("-9223372036854775808"), Field(std::numeric_limits<Int64>::min()));
    EXPECT_EQ(literal("18446744073709551615"), Field(std::numeric_limits<UInt64>::max()));
    EXPECT_EQ(literal("18446744073709551616").which(), Field::Which::Float64);
    EXPECT_EQ(literal("1.5"), Field(1.5));
    EXPECT_EQ(literal("1e3"), Field(1000.0));
    EXPECT_EQ(literal(".5"), Field(0.5));
    EXPECT_EQ(literal("0x1F"), Field(UInt64(31)));
    EXPECT_EQ(literal("0b101"), Field(UInt64(5)));
    EXPECT_EQ(literal("inf"), Field(std::numeric_limits<double>::infinity()));
    EXPECT_EQ(literal("-inf"), Field(-std::numeric_limits<double>::infinity()));
    EXPECT_TRUE(std::isnan(literal("nan").get<Float64>()));
    EXPECT_EQ(literal("'a\\tb'"), Field("a\tb"));
    EXPECT_EQ(literal("NULL"), Field());
    EXPECT_EQ(literal("null"), Field());
    auto t = parseExpression("true");
    EXPECT_EQ(t->as<ASTLiteral>()->value, Field(UInt64(1)));
    EXPECT_TRUE(t->as<ASTLiteral>()->is_bool);
    EXPECT_EQ(literal("[1, -2]"), Field(FieldArray {{Field(UInt64(1)), Field(Int64(-2))}}));
    EXPECT_EQ(literal("(1, 'x')"), Field(FieldTuple {{Field(UInt64(1)), Field("x")}}));
}

TEST(Parser, FunctionsAndIdentifiers)
{
    auto f = std::dynamic_pointer_cast<ASTFunction>(parseExpression("quantile(0.9)(x)"));
    ASSERT_TRUE(f);
    EXPECT_TRUE(f->has_parameters);
    ASSERT_EQ(f->parameters.size(), 1u);
    ASSERT_EQ(f->arguments.size(), 1u);
    EXPECT_FALSE(f->is_operator);
    EXPECT_EQ(tree("count(DISTINCT x)"), "countDistinct(x)");
    EXPECT_EQ(tree("count(*)"), "count()");
    EXPECT_EQ(tree("COUNT()"), "COUNT()");
    EXPECT_EQ(tree("sum(x) FILTER (WHERE y > 1)"), "sumIf(x, greater(y, 1))");
    EXPECT_EQ(tree("arrayMap((x, y) -> x + y, a, b)"), "arrayMap(lambda(tuple(x, y), plus(x, y)), a, b)");
    EXPECT_EQ(tree("f(x AS y, y)"), "f(x, y)");
    EXPECT_EQ(parseExpression("f(x AS y)")->as<ASTFunction>()->arguments[0]->alias, "y");

    auto id = std::dynamic_pointer_cast<ASTIdentifier>(parseExpression("db.`t x`.\"c\""));
    ASSERT_TRUE(id);
    EXPECT_EQ(id->parts, (std::vector<std::string> {"db", "t x", "c"}));
    EXPECT_EQ(id->shortName(), "c");

    auto star = std::dynamic_pointer_cast<ASTAsterisk>(parseExpression("t.* EXCEPT (a, b)"));
    ASSERT_TRUE(star);
    EXPECT_EQ(star->qualifier, (std::vector<std::string> {"t"}));
    EXPECT_EQ(star->except, (std::vector<std::string> {"a", "b"}));

    auto parameter = std::dynamic_pointer_cast<ASTQueryParameter>(parseExpression("{ids:Array(UInt64)}"));
    ASSERT_TRUE(parameter);
    EXPECT_EQ(parameter->name, "ids");
    EXPECT_EQ(parameter->type, "Array(UInt64)");

    auto window = std::dynamic_pointer_cast<ASTFunction>(
        parseExpression("sum(x) OVER (PARTITION BY a ORDER BY b DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 2 FOLLOWING)"));
    ASSERT_TRUE(window && window->window_definition);
    EXPECT_EQ(window->window_definition->partition_by.size(), 1u);
    EXPECT_EQ(window->window_definition->order_by.at(0)->direction, -1);
    EXPECT_EQ(window->window_definition->frame_type, ASTWindowSpec::FrameType::Rows);
    EXPECT_EQ(window->window_definition->frame_begin, ASTWindowSpec::BoundType::UnboundedPreceding);
    EXPECT_EQ(window->window_definition->frame_end, ASTWindowSpec::BoundType::Following);
    EXPECT_TRUE(window->window_definition->frame_end_offset);
}

TEST(Parser, SelectClauses)
{
    auto select = parseSelect(
        "WITH cte AS (SELECT 1 AS x), 2 AS two SELECT DISTINCT a, b AS bb, c cc FROM db.t AS t FINAL PREWHERE p WHERE w GROUP BY a, b "
        "WITH ROLLUP WITH TOTALS HAVING h ORDER BY a DESC NULLS FIRST, b COLLATE 'en' LIMIT 2 BY a LIMIT 10 OFFSET 20 "
        "SETTINGS max_threads = 2");
    ASSERT_TRUE(select);
    ASSERT_EQ(select->with.size(), 2u);
    EXPECT_EQ(select->with[0]->as<ASTWithElement>()->name, "cte");
    EXPECT_EQ(select->with[1]->alias, "two");
    EXPECT_TRUE(select->distinct);
    ASSERT_EQ(select->select.size(), 3u);
    EXPECT_EQ(select->select[1]->alias, "bb");
    EXPECT_EQ(select->select[2]->alias, "cc");
    ASSERT_EQ(select->tables.size(), 1u);
    EXPECT_EQ(select->tables[0]->table->database, "db");
    EXPECT_EQ(select->tables[0]->table->table, "t");
    EXPECT_EQ(select->tables[0]->table->alias, "t");
    EXPECT_TRUE(select->tables[0]->table->final);
    EXPECT_TRUE(select->prewhere);
    EXPECT_TRUE(select->where);
    EXPECT_EQ(select->group_by.size(), 2u);
    EXPECT_TRUE(select->group_by_with_rollup);
    EXPECT_TRUE(select->group_by_with_totals);
    EXPECT_TRUE(select->having);
    ASSERT_EQ(select->order_by.size(), 2u);
    EXPECT_EQ(select->order_by[0]->direction, -1);
    EXPECT_EQ(select->order_by[0]->nulls_direction, 1);
    EXPECT_TRUE(select->order_by[0]->nulls_direction_was_explicit);
    EXPECT_EQ(select->order_by[1]->collation, "en");
    EXPECT_EQ(formatColumnName(*select->limit_by_length), "2");
    EXPECT_EQ(select->limit_by.size(), 1u);
    EXPECT_EQ(formatColumnName(*select->limit_length), "10");
    EXPECT_EQ(formatColumnName(*select->limit_offset), "20");
    ASSERT_EQ(select->settings.size(), 1u);
    EXPECT_EQ(select->settings[0].name, "max_threads");
    EXPECT_EQ(select->settings[0].value, Field(UInt64(2)));

    auto limit = parseSelect("SELECT 1 LIMIT 5, 10");
    EXPECT_EQ(formatColumnName(*limit->limit_offset), "5");
    EXPECT_EQ(formatColumnName(*limit->limit_length), "10");

    auto fetch = parseSelect("SELECT 1 ORDER BY 1 OFFSET 5 ROWS FETCH FIRST 3 ROWS ONLY");
    EXPECT_EQ(formatColumnName(*fetch->limit_offset), "5");
    EXPECT_EQ(formatColumnName(*fetch->limit_length), "3");

    auto fill = parseSelect("SELECT d FROM t ORDER BY d WITH FILL FROM 1 TO 10 STEP 2");
    EXPECT_TRUE(fill->order_by[0]->with_fill);
    EXPECT_TRUE(fill->order_by[0]->fill_from && fill->order_by[0]->fill_to && fill->order_by[0]->fill_step);

    auto no_from = parseSelect("SELECT 1");
    EXPECT_TRUE(no_from->tables.empty());

    auto output = parseAs<ASTSelectWithUnionQuery>("SELECT 1 FORMAT JSONEachRow SETTINGS a = 1");
    EXPECT_EQ(output->format, "JSONEachRow");
    EXPECT_EQ(output->output_settings.size(), 1u);
}

TEST(Parser, Joins)
{
    auto select = parseSelect(
        "SELECT * FROM a AS x GLOBAL ANY LEFT JOIN b ON x.id = b.id INNER JOIN (SELECT 1 AS id) AS s USING (id) CROSS JOIN c, d "
        "ARRAY JOIN arr AS el LEFT ARRAY JOIN [1, 2] AS n ASOF JOIN e USING id, ts FULL OUTER JOIN f ON 1 RIGHT SEMI JOIN g ON 1");
    ASSERT_TRUE(select);
    const auto & tables = select->tables;
    ASSERT_EQ(tables.size(), 10u);
    EXPECT_FALSE(tables[0]->join);
    EXPECT_EQ(tables[1]->join->kind, ASTTableJoin::Kind::Left);
    EXPECT_EQ(tables[1]->join->strictness, ASTTableJoin::Strictness::Any);
    EXPECT_TRUE(tables[1]->join->global);
    EXPECT_TRUE(tables[1]->join->on_expression);
    EXPECT_EQ(tables[2]->join->kind, ASTTableJoin::Kind::Inner);
    EXPECT_TRUE(tables[2]->table->subquery);
    EXPECT_EQ(tables[2]->table->alias, "s");
    EXPECT_TRUE(tables[2]->join->has_using);
    EXPECT_EQ(tables[3]->join->kind, ASTTableJoin::Kind::Cross);
    EXPECT_EQ(tables[4]->join->kind, ASTTableJoin::Kind::Comma);
    ASSERT_TRUE(tables[5]->array_join);
    EXPECT_FALSE(tables[5]->array_join->left);
    EXPECT_EQ(tables[5]->array_join->expressions[0]->alias, "el");
    EXPECT_TRUE(tables[6]->array_join->left);
    EXPECT_EQ(tables[7]->join->strictness, ASTTableJoin::Strictness::Asof);
    EXPECT_EQ(tables[7]->join->using_columns.size(), 2u);
    EXPECT_EQ(tables[8]->join->kind, ASTTableJoin::Kind::Full);
    EXPECT_EQ(tables[9]->join->kind, ASTTableJoin::Kind::Right);
    EXPECT_EQ(tables[9]->join->strictness, ASTTableJoin::Strictness::Semi);

    auto function = parseSelect("SELECT number FROM numbers(10) n");
    ASSERT_TRUE(function->tables[0]->table->table_function);
    EXPECT_EQ(function->tables[0]->table->table_function->as<ASTFunction>()->name, "numbers");
    EXPECT_EQ(function->tables[0]->table->alias, "n");
}

TEST(Parser, Unions)
{
    auto query =
        parseAs<ASTSelectWithUnionQuery>("SELECT 1 UNION ALL SELECT 2 UNION DISTINCT (SELECT 3 UNION ALL SELECT 4) EXCEPT SELECT 5");
    ASSERT_EQ(query->selects.size(), 4u);
    using Mode = ASTSelectWithUnionQuery::Mode;
    EXPECT_EQ(query->modes, (std::vector<Mode> {Mode::UnionAll, Mode::UnionDistinct, Mode::Except}));
    EXPECT_EQ(query->selects[2]->kind, ASTKind::SelectWithUnionQuery);
    auto parenthesised = parseAs<ASTSelectWithUnionQuery>("(SELECT 1) UNION ALL (SELECT 2)");
    EXPECT_EQ(parenthesised->selects.size(), 2u);
    EXPECT_EQ(parenthesised->selects[0]->kind, ASTKind::SelectQuery);
    auto except_columns = parseSelect("SELECT * EXCEPT a FROM t");
    EXPECT_EQ(except_columns->select[0]->as<ASTAsterisk>()->except, (std::vector<std::string> {"a"}));
}

TEST(Parser, Subqueries)
{
    auto select = parseSelect("SELECT (SELECT max(x) FROM t) AS m, x IN (SELECT y FROM u) FROM (SELECT 1 AS x) AS s");
    ASSERT_TRUE(select);
    EXPECT_EQ(select->select[0]->kind, ASTKind::Subquery);
    EXPECT_EQ(select->select[0]->alias, "m");
    auto * subquery = select->select[0]->as<ASTSubquery>();
    EXPECT_EQ(subquery->query->kind, ASTKind::SelectWithUnionQuery);
    EXPECT_TRUE(select->tables[0]->table->subquery);
}

TEST(Parser, CreateTable)
{
    auto query = parseAs<ASTCreateTableQuery>(
        "CREATE TABLE IF NOT EXISTS db.events (\n"
        "  ts DateTime64(3, 'UTC') CODEC(Delta(8), ZSTD(1)),\n"
        "  id UInt64 DEFAULT 42 COMMENT 'id',\n"
        "  name LowCardinality(Nullable(String)),\n"
        "  n Int32 NULL,\n"
        "  m Int32 NOT NULL,\n"
        "  day Date MATERIALIZED toDate(ts),\n"
        "  a ALIAS id + 1,\n"
        "  e Enum8('a' = 1, 'b' = 2),\n"
        "  t Tuple(x UInt8, y String) TTL ts + INTERVAL 1 DAY,\n"
        "  INDEX idx name TYPE bloom_filter(0.01) GRANULARITY 4\n"
        ") ENGINE = ReplacingMergeTree(id) PARTITION BY toYYYYMM(ts) ORDER BY (id, ts) PRIMARY KEY id SAMPLE BY id\n"
        "TTL toDateTime(ts) + INTERVAL 30 DAY DELETE, toDateTime(ts) + INTERVAL 1 DAY TO VOLUME 'cold'\n"
        "SETTINGS index_granularity = 8192, min_bytes_for_wide_part = 0 COMMENT 'events'");
    ASSERT_TRUE(query);
    EXPECT_TRUE(query->if_not_exists);
    EXPECT_EQ(query->database, "db");
    EXPECT_EQ(query->table, "events");
    ASSERT_EQ(query->columns.size(), 9u);
    EXPECT_EQ(query->columns[0]->type, "DateTime64(3, 'UTC')");
    EXPECT_EQ(query->columns[0]->codec, "Delta(8), ZSTD(1)");
    EXPECT_EQ(query->columns[1]->default_kind, ASTColumnDeclaration::DefaultKind::Default);
    EXPECT_EQ(formatColumnName(*query->columns[1]->default_expression), "42");
    EXPECT_EQ(query->columns[1]->comment, "id");
    EXPECT_EQ(query->columns[2]->type, "LowCardinality(Nullable(String))");
    EXPECT_EQ(query->columns[3]->null_modifier, std::optional<bool>(true));
    EXPECT_EQ(query->columns[4]->null_modifier, std::optional<bool>(false));
    EXPECT_EQ(query->columns[5]->default_kind, ASTColumnDeclaration::DefaultKind::Materialized);
    EXPECT_EQ(query->columns[6]->type, "");
    EXPECT_EQ(query->columns[6]->default_kind, ASTColumnDeclaration::DefaultKind::Alias);
    EXPECT_EQ(query->columns[7]->type, "Enum8('a' = 1, 'b' = 2)");
    EXPECT_EQ(query->columns[8]->type, "Tuple(x UInt8, y String)");
    EXPECT_TRUE(query->columns[8]->ttl);
    ASSERT_EQ(query->indexes.size(), 1u);
    EXPECT_EQ(query->indexes[0]->granularity, 4u);
    ASSERT_TRUE(query->storage && query->storage->engine);
    EXPECT_EQ(query->storage->engine->name, "ReplacingMergeTree");
    EXPECT_EQ(query->storage->engine->arguments.size(), 1u);
    EXPECT_EQ(formatColumnName(*query->storage->partition_by), "toYYYYMM(ts)");
    EXPECT_EQ(formatColumnName(*query->storage->order_by), "tuple(id, ts)");
    EXPECT_EQ(formatColumnName(*query->storage->primary_key), "id");
    EXPECT_TRUE(query->storage->sample_by);
    ASSERT_EQ(query->storage->ttl.size(), 2u);
    EXPECT_EQ(query->storage->ttl[1]->mode, ASTTTLElement::Mode::ToVolume);
    EXPECT_EQ(query->storage->ttl[1]->destination, "cold");
    ASSERT_EQ(query->storage->settings.size(), 2u);
    EXPECT_EQ(query->storage->settings[0].value, Field(UInt64(8192)));
    EXPECT_EQ(query->comment, "events");

    auto as_select = parseAs<ASTCreateTableQuery>("CREATE TABLE t ENGINE = MergeTree ORDER BY tuple() AS SELECT 1 AS x");
    EXPECT_TRUE(as_select->select);
    EXPECT_FALSE(as_select->storage->engine_has_parentheses);
    EXPECT_EQ(formatColumnName(*as_select->storage->order_by), "tuple()");

    auto as_table = parseAs<ASTCreateTableQuery>("CREATE TABLE t AS db.other ENGINE = Memory");
    EXPECT_EQ(as_table->as_database, "db");
    EXPECT_EQ(as_table->as_table, "other");

    auto no_engine = parseAs<ASTCreateTableQuery>("CREATE TABLE t (a UInt8) ORDER BY a");
    EXPECT_FALSE(no_engine->storage->engine);
    EXPECT_TRUE(no_engine->storage->order_by);

    auto view = parseAs<ASTCreateTableQuery>("CREATE MATERIALIZED VIEW IF NOT EXISTS mv TO db.dst AS SELECT count() AS c FROM src");
    EXPECT_TRUE(view->is_materialized_view);
    EXPECT_EQ(view->to_database, "db");
    EXPECT_EQ(view->to_table, "dst");
    EXPECT_TRUE(view->select);

    auto database = parseAs<ASTCreateDatabaseQuery>("CREATE DATABASE IF NOT EXISTS analytics");
    EXPECT_TRUE(database->if_not_exists);
    EXPECT_EQ(database->database, "analytics");
}

TEST(Parser, OtherStatements)
{
    auto drop = parseAs<ASTDropQuery>("DROP TABLE IF EXISTS db.t");
    EXPECT_EQ(drop->kind, ASTDropQuery::Kind::Drop);
    EXPECT_TRUE(drop->if_exists);
    EXPECT_EQ(drop->database, "db");
    auto truncate = parseAs<ASTDropQuery>("TRUNCATE TABLE t");
    EXPECT_EQ(truncate->kind, ASTDropQuery::Kind::Truncate);
    EXPECT_EQ(truncate->table, "t");
    auto drop_db = parseAs<ASTDropQuery>("DROP DATABASE d");
    EXPECT_EQ(drop_db->object, ASTDropQuery::Object::Database);

    auto show = parseAs<ASTShowTablesQuery>("SHOW TABLES FROM db LIKE 'e%' LIMIT 3 FORMAT TSV");
    EXPECT_EQ(show->database, "db");
    EXPECT_EQ(show->like, "e%");
    EXPECT_TRUE(show->limit);
    EXPECT_EQ(show->format, "TSV");

    auto describe = parseAs<ASTDescribeQuery>("DESC t");
    EXPECT_EQ(describe->table->table, "t");
    auto describe_function = parseAs<ASTDescribeQuery>("DESCRIBE TABLE numbers(3)");
    EXPECT_TRUE(describe_function->table->table_function);
    auto describe_subquery = parseAs<ASTDescribeQuery>("DESCRIBE (SELECT 1)");
    EXPECT_TRUE(describe_subquery->table->subquery);

    auto optimize = parseAs<ASTOptimizeQuery>("OPTIMIZE TABLE db.t FINAL");
    EXPECT_TRUE(optimize->final);
    EXPECT_EQ(optimize->table, "t");

    auto alter = parseAs<ASTAlterQuery>("ALTER TABLE t DELETE WHERE x = 1");
    ASSERT_EQ(alter->commands.size(), 1u);
    EXPECT_EQ(alter->commands[0]->type, ASTAlterCommand::Type::Delete);
    EXPECT_EQ(formatColumnName(*alter->commands[0]->predicate), "equals(x, 1)");
    auto alter_many = parseAs<ASTAlterQuery>(
        "ALTER TABLE t ADD COLUMN IF NOT EXISTS c String DEFAULT 'x' AFTER b, DROP COLUMN d, UPDATE a = a + 1 WHERE b, "
        "MODIFY TTL ts + INTERVAL 1 DAY");
    ASSERT_EQ(alter_many->commands.size(), 4u);
    EXPECT_EQ(alter_many->commands[0]->column->name, "c");
    EXPECT_EQ(alter_many->commands[0]->after_column, "b");
    EXPECT_EQ(alter_many->commands[2]->update_assignments.size(), 1u);

    auto explain = parseAs<ASTExplainQuery>("EXPLAIN SYNTAX SELECT 1 FORMAT TSV");
    EXPECT_EQ(explain->explain_kind, ASTExplainQuery::Kind::Syntax);
    EXPECT_EQ(explain->format, "TSV");
    EXPECT_EQ(explain->query->as<ASTQueryWithOutput>()->format, "");
    auto explain_plan = parseAs<ASTExplainQuery>("EXPLAIN header = 1 SELECT 1");
    EXPECT_EQ(explain_plan->explain_kind, ASTExplainQuery::Kind::Plan);
    EXPECT_EQ(explain_plan->options.size(), 1u);

    auto set = parseAs<ASTSetQuery>("SET max_threads = 8, log_comment = 'x', neg = -1, flag = true");
    ASSERT_EQ(set->changes.size(), 4u);
    EXPECT_EQ(set->changes[1].value, Field("x"));
    EXPECT_EQ(set->changes[2].value, Field(Int64(-1)));
    EXPECT_EQ(set->changes[3].value, Field(UInt64(1)));

    EXPECT_EQ(parseAs<ASTUseQuery>("USE analytics")->database, "analytics");
    EXPECT_EQ(parseAs<ASTExistsQuery>("EXISTS TABLE t")->table, "t");

    auto rename = parseAs<ASTRenameQuery>("RENAME TABLE a TO b, db.c TO db2.d");
    ASSERT_EQ(rename->elements.size(), 2u);
    EXPECT_EQ(rename->elements[1].from_database, "db");
    EXPECT_EQ(rename->elements[1].to_table, "d");
    auto exchange = parseAs<ASTRenameQuery>("EXCHANGE TABLES live AND staging");
    EXPECT_TRUE(exchange->exchange);
    EXPECT_EQ(exchange->elements.at(0).to_table, "staging");
}

TEST(Parser, InsertInlineData)
{
    std::string values = "INSERT INTO db.t (a, b) VALUES (1, 'x;y'), (2, ')')  ;  ";
    auto insert = parseAs<ASTInsertQuery>(values);
    EXPECT_EQ(insert->kind, ASTInsertQuery::Kind::Values);
    EXPECT_EQ(insert->format, "Values");
    EXPECT_EQ(insert->columns, (std::vector<std::string> {"a", "b"}));
    EXPECT_EQ(values.substr(insert->data_begin, insert->data_end - insert->data_begin), " (1, 'x;y'), (2, ')')");

    std::string format = "INSERT INTO t FORMAT JSONEachRow\n{\"a\": \"it's; fine\"}\n{\"a\": 2}\n";
    auto insert_format = parseAs<ASTInsertQuery>(format);
    EXPECT_EQ(insert_format->kind, ASTInsertQuery::Kind::Format);
    EXPECT_EQ(insert_format->format, "JSONEachRow");
    EXPECT_EQ(format.substr(insert_format->data_begin, insert_format->data_end - insert_format->data_begin),
              "{\"a\": \"it's; fine\"}\n{\"a\": 2}\n");

    auto insert_select = parseAs<ASTInsertQuery>("INSERT INTO TABLE t SELECT * FROM s");
    EXPECT_EQ(insert_select->kind, ASTInsertQuery::Kind::Select);
    EXPECT_TRUE(insert_select->select);

    auto settings = parseAs<ASTInsertQuery>("INSERT INTO t SETTINGS async_insert = 1 VALUES (1)");
    EXPECT_EQ(settings->settings.size(), 1u);
}

TEST(Parser, MultipleStatements)
{
    std::string script = "SELECT ';' AS s; -- comment; with semicolon\n"
                         "INSERT INTO t VALUES (1, ';'), (2, 'b');\n"
                         "INSERT INTO t FORMAT CSV 1,\"a;b\"\n"
                         "/* ; */ SELECT 2;;\n"
                         "  ";
    size_t pos = 0;
    std::vector<ASTPtr> statements;
    while (auto ast = parseQueryAt(script, pos))
        statements.push_back(ast);
    ASSERT_EQ(statements.size(), 4u);
    EXPECT_EQ(pos, script.size());
    auto * values = statements[1]->as<ASTInsertQuery>();
    EXPECT_EQ(script.substr(values->data_begin, values->data_end - values->data_begin), " (1, ';'), (2, 'b')");
    auto * csv = statements[2]->as<ASTInsertQuery>();
    EXPECT_EQ(script.substr(csv->data_begin, csv->data_end - csv->data_begin), "1,\"a;b\"");
    EXPECT_EQ(formatAST(*statements[3]), "SELECT 2");

    auto ranges = splitStatements(script);
    ASSERT_EQ(ranges.size(), 4u);
    EXPECT_EQ(script.substr(ranges[0].begin, ranges[0].end - ranges[0].begin), "SELECT ';' AS s");
    EXPECT_EQ(script.substr(ranges[3].begin, ranges[3].end - ranges[3].begin), "SELECT 2");

    size_t empty_pos = 0;
    EXPECT_EQ(parseQueryAt("  -- nothing\n ; ", empty_pos), nullptr);
}

TEST(Parser, TrailingSemicolonsAndComments)
{
    EXPECT_EQ(formatAST(*parseQuery("SELECT 1;")), "SELECT 1");
    EXPECT_EQ(formatAST(*parseQuery("-- leading\nSELECT 1 ;; -- trailing\n /* block */")), "SELECT 1");
    EXPECT_THROW(parseQuery("SELECT 1; SELECT 2"), ParseError);
}

TEST(Parser, OffsetsPointAtSource)
{
    std::string query = "SELECT a,\n  b + 1 AS c FROM t";
    auto select = parseSelect(query);
    EXPECT_EQ(select->select[0]->offset, 7u);
    EXPECT_EQ(select->select[1]->offset, query.find("b + 1"));
}

TEST(Parser, KeywordsCaseInsensitiveIdentifiersCaseSensitive)
{
    auto select = parseSelect("select Col from Tbl where X = 1 order by col desc limit 1");
    ASSERT_TRUE(select);
    EXPECT_EQ(select->select[0]->as<ASTIdentifier>()->name(), "Col");
    EXPECT_EQ(select->tables[0]->table->table, "Tbl");
    EXPECT_EQ(select->order_by[0]->direction, -1);
}

TEST(Parser, WithRecursive)
{
    auto select = parseSelect("WITH RECURSIVE t AS (SELECT 1 AS x UNION ALL SELECT x + 1 FROM t) SELECT * FROM t");
    ASSERT_TRUE(select);
    EXPECT_TRUE(select->with_recursive);
    ASSERT_EQ(select->with.size(), 1u);
    EXPECT_EQ(select->with[0]->as<ASTWithElement>()->name, "t");
    /// `recursive` stays usable as a CTE name and as a scalar alias.
    auto named = parseSelect("WITH recursive AS (SELECT 1) SELECT * FROM recursive");
    ASSERT_TRUE(named);
    EXPECT_FALSE(named->with_recursive);
    EXPECT_EQ(named->with[0]->as<ASTWithElement>()->name, "recursive");
    auto plain = parseSelect("WITH 1 AS recursive SELECT recursive");
    ASSERT_TRUE(plain);
    EXPECT_FALSE(plain->with_recursive);
}

TEST(Parser, Interpolate)
{
    auto select = parseSelect("SELECT n, a, b FROM t ORDER BY n WITH FILL INTERPOLATE (a AS a + 1, b)");
    ASSERT_TRUE(select);
    EXPECT_TRUE(select->has_interpolate);
    ASSERT_EQ(select->interpolate.size(), 2u);
    EXPECT_EQ(select->interpolate[0].first, "a");
    EXPECT_EQ(formatColumnName(*select->interpolate[0].second), "plus(a, 1)");
    EXPECT_EQ(select->interpolate[1].first, "b");
    EXPECT_FALSE(select->interpolate[1].second);
    auto all = parseSelect("SELECT n FROM t ORDER BY n WITH FILL INTERPOLATE LIMIT 3");
    ASSERT_TRUE(all);
    EXPECT_TRUE(all->has_interpolate);
    EXPECT_TRUE(all->interpolate.empty());
    EXPECT_TRUE(all->limit_length);
    EXPECT_THROW(parseQuery("SELECT n FROM t ORDER BY n WITH FILL INTERPOLATE (a AS)"), ParseError);
}
