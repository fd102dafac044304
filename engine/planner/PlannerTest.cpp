#include "engine/base/Exception.h"
#include "engine/columns/ColumnVector.h"
#include "engine/planner/ExpressionBinder.h"
#include "engine/planner/KeyCondition.h"
#include "engine/planner/SelectQueryPlanner.h"
#include "engine/planner/StorageExpressionCompiled.h"
#include "engine/sql/AST.h"
#include "engine/sql/ASTFormatter.h"
#include "engine/sql/Parser.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

Block header()
{
    Block h;
    h.insert({nullptr, parseDataType("DateTime('UTC')"), "ts"});
    h.insert({nullptr, parseDataType("UInt64"), "x"});
    h.insert({nullptr, parseDataType("String"), "s"});
    h.insert({nullptr, parseDataType("Date"), "d"});
    return h;
}

Block data()
{
    Block b;
    auto ts = ColumnUInt32::create({1709251200, 1709254800});
    auto x = ColumnUInt64::create({1, 2});
    auto s = parseDataType("String")->createColumn();
    s->insert(Field("a"));
    s->insert(Field("b"));
    auto d = ColumnUInt16::create({19783, 19784});
    b.insert({std::move(ts), parseDataType("DateTime('UTC')"), "ts"});
    b.insert({std::move(x), parseDataType("UInt64"), "x"});
    b.insert({std::move(s), parseDataType("String"), "s"});
    b.insert({std::move(d), parseDataType("Date"), "d"});
    return b;
}

const ASTSelectQuery & selectOf(const ASTPtr & ast)
{
    return *ast->as<ASTSelectWithUnionQuery>()->selects[0]->as<ASTSelectQuery>();
}

class NoTables final : public ITableResolver
{
public:
    ResolvedTable resolveTable(const std::string &, const std::string & table) const override
    {
        throw Exception(ErrorCode::UNKNOWN_TABLE, "no table " + table);
    }
};

ErrorCode planError(const std::string & sql)
{
    try
    {
        NoTables tables;
        auto ast = parseQuery(sql);
        SelectQueryPlanner::plan(selectOf(ast), tables);
    }
    catch (const Exception & e)
    {
        return e.code();
    }
    return ErrorCode::OK;
}

KeyCondition condition(const std::string & where, const std::vector<std::string> & key, const std::string & partition = "")
{
    ASTs sort_key;
    for (const auto & k : key)
        sort_key.push_back(parseExpression(k));
    return KeyCondition(parseExpression(where), header(), sort_key, partition.empty() ? nullptr : parseExpression(partition), {"t"});
}

Field dt(UInt64 t)
{
    return Field(t);
}

} // namespace

TEST(ExpressionActions, SharesCommonSubexpressionsAndFoldsConstants)
{
    ExpressionActions actions;
    AliasMap aliases;
    Block h = header();
    ExpressionBinder binder(actions, h, aliases);
    binder.bindOutput(parseExpression("(x + 1) * (x + 1)"), "a");
    binder.bindOutput(parseExpression("x + 1"), "b");
    binder.bindOutput(parseExpression("1 + 2 + x"), "c");
    size_t functions = 0, constants = 0;
    for (const auto & node : actions.getNodes())
    {
        functions += node.type == ExpressionActions::NodeType::Function;
        constants += node.type == ExpressionActions::NodeType::Constant;
    }
    /// plus(x, 1), multiply(...), plus(plus(1, 2), x): plus(1, 2) is folded.
    EXPECT_EQ(functions, 3u);
    EXPECT_EQ(actions.getRequiredInputs(), (std::vector<std::string> {"x"}));
    Block out = actions.execute(data());
    EXPECT_EQ((*out.getByName("a").column)[1].toUInt64(), 9u);
    EXPECT_EQ((*out.getByName("b").column)[0].toUInt64(), 2u);
    EXPECT_EQ((*out.getByName("c").column)[0].toUInt64(), 4u);
    EXPECT_EQ(out.getByName("a").type->getName(), "UInt64");
}

TEST(ExpressionBinder, AliasesAndShadowing)
{
    auto ast = parseQuery("SELECT x + 1 AS x, x * 10 AS y, s AS s FROM t WHERE y > 0");
    const auto & select = selectOf(ast);
    auto aliases = ExpressionBinder::collectAliases(select);
    EXPECT_EQ(aliases.size(), 3u);
    ExpressionActions actions;
    Block h = header();
    ExpressionBinder binder(actions, h, aliases, {"t"});
    binder.bindOutput(select.select[0], "x");
    binder.bindOutput(select.select[1], "y");
    binder.bindOutput(select.where, "w");
    binder.bindOutput(parseExpression("t.s"), "qualified");
    Block out = actions.execute(data());
    EXPECT_EQ((*out.getByName("x").column)[0].toUInt64(), 2u);
    /// y = (x + 1) * 10, since x is the alias outside its own definition.
    EXPECT_EQ((*out.getByName("y").column)[0].toUInt64(), 20u);
    EXPECT_EQ((*out.getByName("qualified").column)[1], Field("b"));
    EXPECT_EQ(binder.canonicalName(parseExpression("y")), "multiply(plus(x, 1), 10)");
}

TEST(ExpressionBinder, AggregateAliasShadowsItsColumn)
{
    /// Inside sum(x) AS x, x is the column; elsewhere x is the aggregate (q09 of the benchmark).
    auto ast = parseQuery("SELECT sum(x) AS x, x + 1 AS y FROM t ORDER BY x");
    const auto & select = selectOf(ast);
    auto aliases = ExpressionBinder::collectAliases(select);
    ExpressionActions actions;
    Block h = header();
    ExpressionBinder binder(actions, h, aliases, {"t"});
    EXPECT_EQ(binder.canonicalName(select.select[0]), "sum(x)");
    EXPECT_EQ(binder.canonicalName(select.select[1]), "plus(sum(x), 1)");
    EXPECT_EQ(formatColumnName(*expandAliases(select.select[1], aliases, h)), "plus(sum(x), 1)");
}

TEST(ExpressionBinder, Errors)
{
    EXPECT_EQ(planError("SELECT 1 AS a, 2 AS a"), ErrorCode::MULTIPLE_EXPRESSIONS_FOR_ALIAS);
    EXPECT_EQ(planError("SELECT nope"), ErrorCode::UNKNOWN_IDENTIFIER);
    EXPECT_EQ(planError("SELECT count() WHERE count() > 0"), ErrorCode::ILLEGAL_AGGREGATION);
    EXPECT_EQ(planError("SELECT sum(count())"), ErrorCode::ILLEGAL_AGGREGATION);
    EXPECT_EQ(planError("SELECT 1 FROM missing"), ErrorCode::UNKNOWN_TABLE);
    EXPECT_EQ(planError("SELECT toDate('x', 1, 2, 3)"), ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH);
    EXPECT_EQ(planError("SELECT 1 LIMIT dummy"), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(planError("SELECT 1 + 'a'"), ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT);
    EXPECT_EQ(planError("SELECT 1 WHERE 'a'"), ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT);
    EXPECT_EQ(planError("SELECT a AS b, b AS a"), ErrorCode::CYCLIC_ALIASES);
    EXPECT_EQ(planError("SELECT dummy + 1 AS a2, b + 1 AS a, a + 1 AS b"), ErrorCode::CYCLIC_ALIASES);
    EXPECT_EQ(planError("SELECT 1 WHERE (b + 1 AS a) > 0 AND (a + 1 AS b) > 0"), ErrorCode::CYCLIC_ALIASES);
    EXPECT_EQ(planError("SELECT dummy + 1 AS dummy WHERE dummy > 0 ORDER BY dummy"), ErrorCode::OK);
    EXPECT_EQ(planError("SELECT sum(dummy) AS dummy ORDER BY dummy"), ErrorCode::OK);
    EXPECT_EQ(planError("SELECT arrayMap(i -> i + 1, [1, 2]) AS i"), ErrorCode::OK);
    std::string exploding = "SELECT 1 AS a0";
    for (int i = 1; i < 40; ++i)
        exploding += ", a" + std::to_string(i - 1) + " + a" + std::to_string(i - 1) + " AS a" + std::to_string(i);
    EXPECT_EQ(planError(exploding), ErrorCode::TOO_DEEP_RECURSION);
    EXPECT_EQ(planError("SELECT CASE WHEN 1 THEN 'a' ELSE 'b' END, CASE dummy WHEN 0 THEN 'z' END"), ErrorCode::OK);
}

TEST(KeyCondition, DirectKeyRanges)
{
    auto c = condition("x >= 10 AND x < 20", {"x"});
    EXPECT_FALSE(c.mayBeTrueInRange({Field(UInt64(0))}, {Field(UInt64(9))}));
    EXPECT_TRUE(c.mayBeTrueInRange({Field(UInt64(0))}, {Field(UInt64(10))}));
    EXPECT_TRUE(c.mayBeTrueInRange({Field(UInt64(19))}, {Field(UInt64(30))}));
    EXPECT_FALSE(c.mayBeTrueInRange({Field(UInt64(20))}, {Field(UInt64(30))}));
    auto in = condition("x IN (5, 50)", {"x"});
    EXPECT_TRUE(in.mayBeTrueInRange({Field(UInt64(0))}, {Field(UInt64(9))}));
    EXPECT_FALSE(in.mayBeTrueInRange({Field(UInt64(6))}, {Field(UInt64(49))}));
    auto ne = condition("x != 7", {"x"});
    EXPECT_FALSE(ne.mayBeTrueInRange({Field(UInt64(7))}, {Field(UInt64(7))}));
    EXPECT_TRUE(ne.mayBeTrueInRange({Field(UInt64(7))}, {Field(UInt64(8))}));
    auto either = condition("x < 5 OR x > 100", {"x"});
    EXPECT_FALSE(either.mayBeTrueInRange({Field(UInt64(5))}, {Field(UInt64(100))}));
    auto negated = condition("NOT (x BETWEEN 5 AND 10)", {"x"});
    EXPECT_FALSE(negated.mayBeTrueInRange({Field(UInt64(6))}, {Field(UInt64(9))}));
    EXPECT_TRUE(negated.mayBeTrueInRange({Field(UInt64(6))}, {Field(UInt64(11))}));
    auto unknown = condition("s = 'a'", {"x"});
    EXPECT_FALSE(unknown.isUseful());
}

TEST(KeyCondition, SecondKeyColumnOnlyWhenPrefixFixed)
{
    auto c = condition("x = 5", {"s", "x"});
    EXPECT_FALSE(c.mayBeTrueInRange({Field("a"), Field(UInt64(1))}, {Field("a"), Field(UInt64(4))}));
    EXPECT_TRUE(c.mayBeTrueInRange({Field("a"), Field(UInt64(6))}, {Field("b"), Field(UInt64(1))}));
}

TEST(KeyCondition, MonotonicFunctions)
{
    /// ts key, condition through toStartOfHour / toDate.
    auto hour = condition("toStartOfHour(ts) = toDateTime('2024-03-01 01:00:00', 'UTC')", {"ts"});
    EXPECT_FALSE(hour.mayBeTrueInRange({dt(1709251200)}, {dt(1709254799)}));
    EXPECT_TRUE(hour.mayBeTrueInRange({dt(1709251200)}, {dt(1709254800)}));
    auto date = condition("toDate(ts) = '2024-03-02'", {"ts"});
    EXPECT_FALSE(date.mayBeTrueInRange({dt(1709251200)}, {dt(1709337599)}));
    EXPECT_TRUE(date.mayBeTrueInRange({dt(1709251200)}, {dt(1709337600)}));

    /// toDate(ts) key, condition on ts (string constant converted to DateTime, mapped through toDate).
    auto on_column = condition("ts >= '2024-03-02 10:00:00'", {"toDate(ts)"});
    EXPECT_FALSE(on_column.mayBeTrueInRange({Field(UInt64(19700))}, {Field(UInt64(19783))}));
    EXPECT_TRUE(on_column.mayBeTrueInRange({Field(UInt64(19700))}, {Field(UInt64(19784))}));
    auto key_expression = condition("toDate(ts) = '2024-03-01'", {"toDate(ts)", "x"});
    EXPECT_FALSE(key_expression.mayBeTrueInRange({Field(UInt64(19784)), Field(UInt64(0))}, {Field(UInt64(19790)), Field(UInt64(0))}));

    /// x + 1 > 10 on key x.
    auto plus = condition("x + 1 > 10", {"x"});
    EXPECT_FALSE(plus.mayBeTrueInRange({Field(UInt64(0))}, {Field(UInt64(9))}));
    EXPECT_TRUE(plus.mayBeTrueInRange({Field(UInt64(0))}, {Field(UInt64(10))}));

    /// toHour is not monotonic across days: no pruning.
    auto to_hour = condition("toHour(ts) = 3", {"ts"});
    EXPECT_TRUE(to_hour.mayBeTrueInRange({dt(1709251200)}, {dt(1709251200 + 7 * 86400)}));
}

TEST(KeyCondition, PartitionMinMax)
{
    auto c = condition("d = '2024-03-05'", {"x"}, "toYYYYMM(d)");
    Block minmax;
    auto d = ColumnUInt16::create({19783, 19784});
    minmax.insert({std::move(d), parseDataType("Date"), "d"});
    EXPECT_FALSE(c.mayBeTrueInPartition(minmax));
    auto c2 = condition("toYYYYMM(d) = 202403", {"x"}, "toYYYYMM(d)");
    EXPECT_TRUE(c2.mayBeTrueInPartition(minmax));
    auto c3 = condition("toYYYYMM(d) = 202404", {"x"}, "toYYYYMM(d)");
    EXPECT_FALSE(c3.mayBeTrueInPartition(minmax));
}

TEST(StorageExpressionCompiled, EvaluatesAndKnowsMonotonicity)
{
    ColumnsDescription columns = {{"ts", parseDataType("DateTime('UTC')"), "", "", ""}, {"x", parseDataType("UInt64"), "", "", ""}};
    StorageExpressionCompiled to_date(parseExpression("toDate(ts)"), columns);
    EXPECT_TRUE(to_date.isMonotonic());
    EXPECT_EQ(to_date.requiredColumns(), (std::vector<std::string> {"ts"}));
    EXPECT_EQ(to_date.resultType()->getName(), "Date");
    EXPECT_EQ(to_date.text(), "toDate(ts)");
    Block b = data();
    auto values = to_date.evaluate(b);
    EXPECT_EQ((*values)[0].toUInt64(), 19783u);

    StorageExpressionCompiled ttl(parseExpression("ts + INTERVAL 1 DAY"), columns);
    EXPECT_EQ(ttl.resultType()->getName(), "DateTime('UTC')");
    EXPECT_EQ((*ttl.evaluate(b))[0].toUInt64(), 1709337600u);
    EXPECT_TRUE(StorageExpressionCompiled(parseExpression("x"), columns).isMonotonic());
    EXPECT_FALSE(StorageExpressionCompiled(parseExpression("x % 10"), columns).isMonotonic());
    EXPECT_FALSE(StorageExpressionCompiled(parseExpression("toHour(ts)"), columns).isMonotonic());
    StorageExpressionCompiled constant(parseExpression("42"), columns);
    EXPECT_FALSE(constant.evaluate(b)->isConst());
    EXPECT_EQ(constant.evaluate(b)->size(), 2u);
    EXPECT_THROW(StorageExpressionCompiled(parseExpression("nope + 1"), columns), Exception);
}
