#include "engine/io/ReadBuffer.h"
#include "engine/io/WriteBuffer.h"
#include "engine/session/Database.h"
#include "platform/pipes/PipeCompiler.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace pipit;

namespace
{

const std::filesystem::path projects = std::filesystem::path(PIPIT_SOURCE_DIR) / "tests/projects";

/// The web_analytics sample deployed into a scratch engine database with its fixture loaded.
class PipeEndpointTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        data_dir_ = std::filesystem::temp_directory_path() / ("pipit_pipes_endpoint_" + std::to_string(::getpid()));
        std::filesystem::remove_all(data_dir_);
        DatabaseOptions options;
        options.data_path = data_dir_.string();
        database_ = std::make_unique<Database>(options);
        project_ = std::make_shared<const Project>(loadProject(projects / "web_analytics"));
        compiler_ = std::make_unique<PipeCompiler>(project_);
        for (const auto & ds : project_->datasources)
        {
            run(datasourceCreateTableSql(ds, ds.name));
            const ProjectFixture * fixture = project_->findFixture(ds.name);
            ASSERT_NE(fixture, nullptr);
            std::ifstream in(fixture->path);
            std::stringstream text;
            text << in.rdbuf();
            std::string data = text.str();
            ReadBufferFromMemory input(data.data(), data.size());
            WriteBufferFromString output;
            database_->execute("INSERT INTO " + ds.name + " FORMAT JSONEachRow", &input, output, StatementOptions{});
        }
    }

    void TearDown() override
    {
        database_.reset();
        std::filesystem::remove_all(data_dir_);
    }

    std::string run(const std::string & sql)
    {
        WriteBufferFromString output;
        StatementOptions options;
        options.default_format = "JSONEachRow";
        database_->execute(sql, nullptr, output, options);
        return output.release();
    }

    std::string endpoint(const std::string & pipe, const std::vector<std::pair<std::string, std::string>> & pairs = {},
                         const std::string & q = {})
    {
        PipeCompileOptions options;
        options.q = q;
        return run(compiler_->compile(pipe, TemplateParameters::fromStrings(pairs), options).sql);
    }

    std::filesystem::path data_dir_;
    std::unique_ptr<Database> database_;
    std::shared_ptr<const Project> project_;
    std::unique_ptr<PipeCompiler> compiler_;
};

} // namespace

TEST_F(PipeEndpointTest, FixtureIsLoaded)
{
    EXPECT_EQ(run("SELECT count() AS c FROM analytics_events"), "{\"c\":400}\n");
}

TEST_F(PipeEndpointTest, TopPagesMatchesTheHandWrittenQuery)
{
    std::string expected = run("SELECT JSONExtractString(payload, 'pathname') AS pathname, count() AS visits, uniq(session_id) AS visitors "
                               "FROM analytics_events WHERE action = 'page_hit' AND timestamp >= '2026-10-01 00:00:00' "
                               "AND timestamp < '2026-11-01 00:00:00' GROUP BY pathname ORDER BY visits DESC, pathname LIMIT 10");
    EXPECT_EQ(endpoint("top_pages"), expected);
    EXPECT_FALSE(expected.empty());

    std::string limited = run("SELECT JSONExtractString(payload, 'pathname') AS pathname, count() AS visits, uniq(session_id) AS visitors "
                              "FROM analytics_events WHERE action = 'page_hit' AND timestamp >= '2026-10-10 00:00:00' "
                              "AND timestamp < '2026-10-20 00:00:00' AND JSONExtractString(payload, 'domain') = 'docs.example.com' "
                              "GROUP BY pathname ORDER BY visits DESC, pathname LIMIT 3");
    EXPECT_EQ(endpoint("top_pages", {{"date_from", "2026-10-10 00:00:00"}, {"date_to", "2026-10-20 00:00:00"}, {"domain", "docs.example.com"},
                                     {"limit", "3"}}),
              limited);
}

TEST_F(PipeEndpointTest, SessionTrendKpisAndActions)
{
    std::string session = "52135cb13ccc38b7-0000";
    EXPECT_EQ(endpoint("session_events", {{"session_id", session}}),
              run("SELECT timestamp, action, JSONExtractString(payload, 'pathname') AS pathname FROM analytics_events "
                  "WHERE session_id = '" + session + "' ORDER BY timestamp"));

    std::string trend = run("SELECT toDate(timestamp) AS day, count() AS visits, uniq(session_id) AS visitors FROM analytics_events "
                            "WHERE action = 'page_hit' GROUP BY day ORDER BY day");
    EXPECT_EQ(endpoint("trend"), trend);

    std::string kpis = run("SELECT sum(visits) AS total_visits, max(visitors) AS peak_daily_visitors, count() AS days FROM "
                           "(SELECT toDate(timestamp) AS day, count() AS visits, uniq(session_id) AS visitors FROM analytics_events "
                           "WHERE action = 'page_hit' AND timestamp >= '2026-10-05 00:00:00' GROUP BY day)");
    EXPECT_EQ(endpoint("kpis", {{"date_from", "2026-10-05 00:00:00"}}), kpis);

    EXPECT_EQ(endpoint("actions", {{"actions", "click"}}),
              run("SELECT action, count() AS events FROM analytics_events WHERE action = 'click' GROUP BY action ORDER BY action"));
    EXPECT_EQ(endpoint("actions", {{"actions", "click"}, {"actions", "page_hit"}}),
              run("SELECT action, count() AS events FROM analytics_events GROUP BY action ORDER BY action"));
}

TEST_F(PipeEndpointTest, QueryOverTheEndpointResult)
{
    EXPECT_EQ(endpoint("top_pages", {{"limit", "3"}}, "SELECT count() AS pages FROM _"), "{\"pages\":3}\n");
    EXPECT_EQ(endpoint("trend", {}, "SELECT sum(visits) AS v FROM _"), run("SELECT count() AS v FROM analytics_events WHERE action = 'page_hit'"));
}
