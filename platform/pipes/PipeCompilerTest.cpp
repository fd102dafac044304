#include "platform/pipes/PipeCompiler.h"
#include "platform/pipes/PipeCompilerCache.h"

#include "engine/base/Exception.h"
#include "platform/pipes/SqlTableReferences.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace pipit;

namespace
{

const std::filesystem::path projects = std::filesystem::path(PIPIT_SOURCE_DIR) / "tests/projects";

/// A project from datafile texts: {name, text} with names ending in .datasource / .pipe.
std::shared_ptr<const Project> projectOf(const std::vector<std::pair<std::string, std::string>> & files)
{
    auto project = std::make_shared<Project>();
    for (const auto & [file, text] : files)
    {
        std::filesystem::path path(file);
        if (path.extension() == ".datasource")
            project->datasources.push_back(parseDatasourceText(text, path.stem().string()));
        else
            project->pipes.push_back(parsePipeText(text, path.stem().string()));
    }
    validateProject(*project);
    return project;
}

TemplateParameters params(const std::vector<std::pair<std::string, std::string>> & pairs = {})
{
    return TemplateParameters::fromStrings(pairs);
}

ErrorCode codeOf(const std::function<void()> & f)
{
    try
    {
        f();
    }
    catch (const Exception & e)
    {
        return e.code();
    }
    return ErrorCode::OK;
}

const char * events_ds = "SCHEMA >\n    a String,\n    n Int32\n";

} // namespace

TEST(SqlTableReferencesTest, FindsTablesAfterFromJoinInAndCommas)
{
    EXPECT_EQ(findTableReferences("SELECT a, b FROM t WHERE x IN u"), (std::vector<std::string>{"t", "u"}));
    EXPECT_EQ(findTableReferences("SELECT * FROM t1 AS x, `t 2` LEFT JOIN t3 ON t3.a = x.a WHERE a IN (SELECT a FROM t4)"),
              (std::vector<std::string>{"t1", "t 2", "t3", "t4"}));
    EXPECT_EQ(findTableReferences("SELECT extract(DAY FROM ts), trim(BOTH ' ' FROM s) FROM t GROUP BY a, b ORDER BY a, b"),
              (std::vector<std::string>{"t"}));
    EXPECT_EQ(findTableReferences("SELECT * FROM numbers(10), db.t, (SELECT 1) AS s, t2"), (std::vector<std::string>{"t2"}));
    EXPECT_EQ(findTableReferences("SELECT 'FROM x' -- FROM y\nFROM z"), (std::vector<std::string>{"z"}));
    EXPECT_EQ(findTableReferences("SELECT 1 FROM t UNION ALL SELECT 2 FROM t"), (std::vector<std::string>{"t"}));
    EXPECT_TRUE(findTableReferences("SELECT 1").empty());
}

TEST(SqlTableReferencesTest, WithAndSetOperations)
{
    size_t after = 0;
    EXPECT_TRUE(startsWithKeywordWith("  with x AS (SELECT 1) SELECT * FROM x", &after));
    EXPECT_EQ(after, 6u);
    EXPECT_FALSE(startsWithKeywordWith("SELECT 1"));
    EXPECT_TRUE(hasTopLevelSetOperation("SELECT 1 UNION ALL SELECT 2"));
    EXPECT_FALSE(hasTopLevelSetOperation("SELECT * FROM (SELECT 1 UNION ALL SELECT 2)"));
}

TEST(PipeCompilerTest, ComposesNodesWithCtes)
{
    auto project = projectOf({{"events.datasource", events_ds},
                              {"p.pipe", "NODE first\nSQL >\n    SELECT a, n FROM events\n\n"
                                         "NODE unused\nSQL >\n    %\n    SELECT {{ String(needed, required=True) }} AS x\n\n"
                                         "NODE second\nSQL >\n    SELECT a, sum(n) AS total FROM first GROUP BY a;\n\n"
                                         "NODE result\nSQL >\n    %\n    SELECT * FROM second ORDER BY total DESC LIMIT {{ Int32(limit, 5) }}\n\n"
                                         "TYPE endpoint\n\nNODE after\nSQL >\n    SELECT * FROM result\n"}});
    PipeCompiler compiler(project);
    PipeQuery query = compiler.compile("p", params({{"limit", "3"}}));
    EXPECT_EQ(query.sql, "WITH `first` AS (\nSELECT a, n FROM events\n),\n`second` AS (\nSELECT a, sum(n) AS total FROM first GROUP BY a\n)\n"
                         "SELECT * FROM second ORDER BY total DESC LIMIT toInt32('3')");
    EXPECT_TRUE(query.pipes_read.empty());

    PipeCompileOptions options;
    options.node = "second";
    EXPECT_EQ(compiler.compile("p", params(), options).sql, "WITH `first` AS (\nSELECT a, n FROM events\n)\nSELECT a, sum(n) AS total FROM first GROUP BY a");
    options.node = "first";
    EXPECT_EQ(compiler.compile("p", params(), options).sql, "SELECT a, n FROM events");
    options.node = "nope";
    EXPECT_EQ(codeOf([&] { compiler.compile("p", params(), options); }), ErrorCode::UNKNOWN_PIPE);
    EXPECT_EQ(codeOf([&] { compiler.compile("nope", params()); }), ErrorCode::UNKNOWN_PIPE);
}

TEST(PipeCompilerTest, ReadsOtherPipesAsSelfContainedCtes)
{
    auto project = projectOf({{"events.datasource", events_ds},
                              {"base.pipe", "NODE endpoint\nSQL >\n    %\n    SELECT a FROM events WHERE n > {{ Int32(min_n, 0) }}\n\nTYPE endpoint\n"},
                              {"mid.pipe", "NODE helper\nSQL >\n    SELECT a FROM base\n\nNODE endpoint\nSQL >\n    SELECT count() AS c FROM helper\n"},
                              {"top.pipe", "NODE endpoint\nSQL >\n    WITH 2 AS k SELECT c * k FROM mid, base\n\nTYPE endpoint\n"}});
    PipeCompiler compiler(project);
    PipeQuery query = compiler.compile("top", params({{"min_n", "7"}}));
    EXPECT_EQ(query.sql, "WITH `mid` AS (\n"
                         "WITH `base` AS (\nSELECT a FROM events WHERE n > toInt32('7')\n),\n`helper` AS (\nSELECT a FROM base\n)\n"
                         "SELECT count() AS c FROM helper\n),\n"
                         "`base` AS (\nSELECT a FROM events WHERE n > toInt32('7')\n),\n"
                         "2 AS k SELECT c * k FROM mid, base");
    EXPECT_EQ(query.pipes_read, (std::vector<std::string>{"base", "mid"})); // dependencies first
}

TEST(PipeCompilerTest, UnionResultIsWrapped)
{
    auto project = projectOf({{"events.datasource", events_ds},
                              {"p.pipe", "NODE x\nSQL >\n    SELECT a FROM events\n\nNODE u\nSQL >\n    SELECT a FROM x UNION ALL SELECT a FROM x\n"}});
    PipeCompiler compiler(project);
    EXPECT_EQ(compiler.compile("p", params()).sql,
              "WITH `x` AS (\nSELECT a FROM events\n)\nSELECT * FROM (\nSELECT a FROM x UNION ALL SELECT a FROM x\n)");
}

TEST(PipeCompilerTest, CircularAndUnreadablePipes)
{
    auto project = projectOf({{"a.pipe", "NODE na\nSQL >\n    SELECT * FROM b\n"},
                              {"b.pipe", "NODE nb\nSQL >\n    SELECT * FROM a\n"},
                              {"t.datasource", events_ds},
                              {"c.pipe", "NODE nc\nSQL >\n    SELECT * FROM t\n\nTYPE copy\nTARGET_DATASOURCE t\n"},
                              {"d.pipe", "NODE nd\nSQL >\n    SELECT * FROM c\n"}});
    PipeCompiler compiler(project);
    try
    {
        compiler.compile("a", params());
        FAIL() << "expected an error";
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::DATAFILE_ERROR);
        EXPECT_EQ(e.message(), "Circular reference between pipes: a -> b -> a");
    }
    EXPECT_EQ(codeOf([&] { compiler.compile("d", params()); }), ErrorCode::BAD_ARGUMENTS);
}

TEST(PipeCompilerTest, QueryOverTheResult)
{
    auto project = projectOf({{"events.datasource", events_ds}, {"p.pipe", "NODE r\nSQL >\n    SELECT a, n FROM events\n\nTYPE endpoint\n"}});
    PipeCompiler compiler(project);
    PipeCompileOptions options;
    options.q = "SELECT count() FROM _;";
    EXPECT_EQ(compiler.compile("p", params(), options).sql, "WITH `_` AS (\nSELECT a, n FROM events\n)\nSELECT count() FROM _");
    options.q = "WITH 1 AS one SELECT one FROM _ WHERE n IN (SELECT n FROM events)";
    EXPECT_EQ(compiler.compile("p", params(), options).sql,
              "WITH `_` AS (\nSELECT a, n FROM events\n),\n1 AS one SELECT one FROM _ WHERE n IN (SELECT n FROM events)");
    options.q = "DROP TABLE events";
    EXPECT_EQ(codeOf([&] { compiler.compile("p", params(), options); }), ErrorCode::BAD_ARGUMENTS);
    options.q = "SELECT 1; DROP TABLE events";
    EXPECT_EQ(codeOf([&] { compiler.compile("p", params(), options); }), ErrorCode::BAD_ARGUMENTS);
}

TEST(PipeCompilerTest, CompileSqlReadsPipesAndPipelineNodes)
{
    auto project = projectOf({{"events.datasource", events_ds},
                              {"p.pipe", "NODE n1\nSQL >\n    SELECT a FROM events\n\nNODE n2\nSQL >\n    SELECT count() AS c FROM n1\n\nTYPE endpoint\n"}});
    PipeCompiler compiler(project);
    EXPECT_EQ(compiler.compileSql("SELECT * FROM p", params()).sql,
              "WITH `p` AS (\nWITH `n1` AS (\nSELECT a FROM events\n)\nSELECT count() AS c FROM n1\n)\nSELECT * FROM p");
    EXPECT_EQ(compiler.compileSql("SELECT * FROM n1", params(), "p").sql, "WITH `n1` AS (\nSELECT a FROM events\n)\nSELECT * FROM n1");
    EXPECT_EQ(compiler.compileSql("SELECT * FROM n1", params()).sql, "SELECT * FROM n1");
    EXPECT_EQ(compiler.compileSql("%\nSELECT {{ Int8(x, 1) }} FROM events", params({{"x", "4"}})).sql, "SELECT toInt8('4') FROM events");
}

TEST(PipeCompilerTest, TemplateErrors)
{
    auto bad = projectOf({{"p.pipe", "NODE n\nSQL >\n    %\n    SELECT {% if x %} 1\n"}});
    try
    {
        PipeCompiler compiler(bad);
        FAIL() << "expected an error";
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::DATAFILE_ERROR);
        EXPECT_EQ(e.message().substr(0, 21), "p.pipe:3: Node 'n': M");
    }

    auto project = projectOf({{"p.pipe", "NODE n\nSQL >\n    %\n    SELECT {{ Int32(x, required=True) }}\n"}});
    PipeCompiler compiler(project);
    try
    {
        compiler.compile("p", params());
        FAIL() << "expected an error";
    }
    catch (const TemplateError & e)
    {
        EXPECT_EQ(e.httpStatus(), 400);
        EXPECT_NE(e.message().find("Required parameter is not defined"), std::string::npos) << e.message();
    }
    EXPECT_EQ(compiler.renderNode("p", "n", params({{"x", "12"}})), "SELECT toInt32('12')");
}

TEST(PipeCompilerTest, ParametersAndDependenciesOfTheSample)
{
    auto project = std::make_shared<const Project>(loadProject(projects / "web_analytics"));
    PipeCompiler compiler(project);

    auto top = compiler.pipeParameters("top_pages");
    std::vector<std::string> names;
    for (const auto & p : top)
        names.push_back(p.name);
    EXPECT_EQ(names, (std::vector<std::string>{"date_from", "date_to", "domain", "limit"}));
    EXPECT_EQ(top[0].type, "DateTime");
    EXPECT_EQ(top[0].description, "Start of the period (inclusive)");
    ASSERT_TRUE(top[0].default_value.has_value());
    EXPECT_EQ(top[0].default_value->asString(), "2026-10-01 00:00:00");
    EXPECT_EQ(top[3].type, "Int32");
    EXPECT_EQ(top[2].type, "String");

    // kpis reads trend: trend's parameters are the endpoint's too.
    auto kpis = compiler.pipeParameters("kpis");
    ASSERT_EQ(kpis.size(), 2u);
    EXPECT_EQ(kpis[0].name, "date_from");
    EXPECT_EQ(kpis[0].type, "DateTime");

    auto actions = compiler.pipeParameters("actions");
    ASSERT_EQ(actions.size(), 1u);
    EXPECT_EQ(actions[0].type, "Array(String)");

    auto session = compiler.pipeParameters("session_events");
    ASSERT_EQ(session.size(), 1u);
    EXPECT_EQ(session[0].required, std::optional<bool>(true));

    EXPECT_EQ(compiler.nodeDependencies("top_pages", "parsed_hits"), (std::vector<std::string>{"analytics_events"}));
    EXPECT_EQ(compiler.nodeDependencies("top_pages", "endpoint"), (std::vector<std::string>{"parsed_hits"}));
    EXPECT_EQ(compiler.nodeDependencies("kpis", "endpoint"), (std::vector<std::string>{"trend"}));
    EXPECT_EQ(compiler.nodeDependencies("trend", "timeseries"), (std::vector<std::string>{"analytics_events"}));
}

TEST(PipeCompilerCacheTest, OneCompilerPerProject)
{
    PipeCompilerCache cache;
    EXPECT_EQ(cache.get(nullptr), nullptr);
    auto project = projectOf({{"p.pipe", "NODE n\nSQL >\n    SELECT 1\n"}});
    auto first = cache.get(project);
    EXPECT_EQ(cache.get(project), first);
    auto other = projectOf({{"p.pipe", "NODE n\nSQL >\n    SELECT 2\n"}});
    auto second = cache.get(other);
    EXPECT_NE(second, first);
    EXPECT_EQ(second->compile("p", params()).sql, "SELECT 2");
}

TEST(PipeCompilerTest, UnknownReferences)
{
    auto project = std::make_shared<const Project>(loadProject(projects / "web_analytics"));
    EXPECT_TRUE(PipeCompiler(project).unknownReferences().empty());

    auto broken = projectOf({{"events.datasource", events_ds},
                             {"p.pipe", "NODE a\nSQL >\n    SELECT * FROM b\n\nNODE b\nSQL >\n    WITH c AS (SELECT 1) SELECT * FROM c, events, missing\n"}});
    auto errors = PipeCompiler(broken).unknownReferences();
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0], "p.pipe:3: Node 'a' reads 'b', which is not a data source, a pipe or an earlier node of pipe 'p'");
    EXPECT_EQ(errors[1], "p.pipe:7: Node 'b' reads 'missing', which is not a data source, a pipe or an earlier node of pipe 'p'");
    EXPECT_EQ(findCteNames("WITH x AS (SELECT 1), `y z` AS (SELECT 2), 3 AS k SELECT * FROM x"), (std::vector<std::string>{"x", "y z"}));
}
