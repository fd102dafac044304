#include "platform/http/HttpHandlerPipes.h"

#include "engine/base/Exception.h"
#include "engine/io/ReadBuffer.h"
#include "engine/io/WriteBuffer.h"
#include "engine/session/Database.h"
#include "platform/auth/AuthService.h"
#include "platform/http/HttpErrorStatus.h"
#include "platform/http/HttpRouter.h"
#include "platform/http/PlatformContext.h"
#include "platform/project/Project.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace pipit;

namespace
{

const std::filesystem::path projects = std::filesystem::path(PIPIT_SOURCE_DIR) / "tests/projects";
const std::string admin_token = "pipes-test-admin-token";

/// A platform with the web_analytics sample deployed in the default workspace and its fixture loaded.
class HttpHandlerPipesTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        data_dir_ = std::filesystem::temp_directory_path() / ("pipit_http_pipes_" + std::to_string(::getpid()));
        std::filesystem::remove_all(data_dir_);
        PlatformOptions options;
        options.data_dir = data_dir_.string();
        options.workspace_admin_token = admin_token;
        platform_ = std::make_unique<PlatformContext>(options);
        auto project = std::make_shared<const Project>(loadProject(projects / "web_analytics"));
        StatementOptions statement;
        statement.current_database = "default";
        for (const auto & ds : project->datasources)
        {
            WriteBufferFromString out;
            platform_->database().execute(datasourceCreateTableSql(ds, ds.name), nullptr, out, statement);
            std::ifstream in(project->findFixture(ds.name)->path);
            std::stringstream text;
            text << in.rdbuf();
            std::string data = text.str();
            ReadBufferFromMemory input(data.data(), data.size());
            platform_->database().execute("INSERT INTO " + ds.name + " FORMAT JSONEachRow", &input, out, statement);
        }
        platform_->setProject(platform_->auth().defaultWorkspace().id, project);
        HttpHandlerPipes::registerRoutes(router_);
    }

    void TearDown() override
    {
        platform_.reset();
        std::filesystem::remove_all(data_dir_);
    }

    /// Dispatches like the server: routes, runs the handler, maps exceptions through HttpErrorStatus.
    HttpResponse call(const std::string & method, const std::string & path, std::vector<std::pair<std::string, std::string>> query = {},
                      const std::string & body = {}, const std::string & content_type = {}, const std::string & token = admin_token)
    {
        HttpRequest request;
        request.method = method;
        request.path = path;
        request.target = path;
        if (!token.empty())
            query.emplace_back("token", token);
        request.query = std::move(query);
        request.body = body;
        request.headers.emplace_back("host", "localhost:7181");
        if (!content_type.empty())
            request.headers.emplace_back("content-type", content_type);
        HttpResponse response;
        HttpRouter::Match match = router_.match(method, path);
        if (!match.handler)
        {
            response.error(404, "no route");
            return response;
        }
        request.path_params = match.path_params;
        RequestContext context(*platform_, request, response);
        try
        {
            match.handler->handle(request, response, context);
        }
        catch (...)
        {
            HttpErrorStatus::writeError(std::current_exception(), response);
        }
        return response;
    }

    std::string errorOf(const HttpResponse & response)
    {
        simdjson::dom::element doc;
        if (parser_.parse(response.body).get(doc))
            return "not json: " + response.body;
        std::string_view error;
        if (doc["error"].get(error))
            return "no error field: " + response.body;
        return std::string(error);
    }

    std::filesystem::path data_dir_;
    std::unique_ptr<PlatformContext> platform_;
    HttpRouter router_;
    simdjson::dom::parser parser_;
};

} // namespace

TEST_F(HttpHandlerPipesTest, EndpointInEveryFormat)
{
    HttpResponse json = call("GET", "/v0/pipes/top_pages.json", {{"limit", "2"}, {"from", "ts-sdk"}});
    ASSERT_EQ(json.status, 200) << json.body;
    EXPECT_EQ(json.content_type, "application/json");
    simdjson::dom::element doc;
    ASSERT_EQ(parser_.parse(json.body).get(doc), simdjson::SUCCESS);
    EXPECT_EQ(int64_t(doc["rows"]), 2);
    EXPECT_EQ(std::string_view(doc["meta"].at(0)["name"]), "pathname");
    EXPECT_EQ(std::string_view(doc["meta"].at(1)["type"]), "UInt64");
    EXPECT_EQ(std::string_view(doc["data"].at(0)["pathname"]), "/");

    HttpResponse ndjson = call("GET", "/v0/pipes/top_pages.ndjson", {{"limit", "2"}});
    ASSERT_EQ(ndjson.status, 200) << ndjson.body;
    EXPECT_EQ(ndjson.content_type, "application/x-ndjson");
    EXPECT_EQ(std::count(ndjson.body.begin(), ndjson.body.end(), '\n'), 2);
    EXPECT_EQ(ndjson.body.substr(0, 16), R"({"pathname":"\/")"); // ClickHouse escapes forward slashes by default

    HttpResponse csv = call("GET", "/v0/pipes/top_pages.csv", {{"limit", "1"}});
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(csv.body.substr(0, csv.body.find('\n')), "\"pathname\",\"visits\",\"visitors\"");
}

TEST_F(HttpHandlerPipesTest, ParametersFromPostBodiesAndQ)
{
    HttpResponse form = call("POST", "/v0/pipes/top_pages.ndjson", {}, "limit=3&domain=docs.example.com", "application/x-www-form-urlencoded");
    ASSERT_EQ(form.status, 200) << form.body;
    EXPECT_EQ(std::count(form.body.begin(), form.body.end(), '\n'), 3);

    HttpResponse json = call("POST", "/v0/pipes/top_pages.ndjson", {}, R"({"limit": 1})", "application/json");
    ASSERT_EQ(json.status, 200) << json.body;
    EXPECT_EQ(std::count(json.body.begin(), json.body.end(), '\n'), 1);

    HttpResponse q = call("GET", "/v0/pipes/top_pages.ndjson", {{"limit", "4"}, {"q", "SELECT count() AS n FROM _"}});
    ASSERT_EQ(q.status, 200) << q.body;
    EXPECT_EQ(q.body, "{\"n\":4}\n");

    HttpResponse bad_q = call("GET", "/v0/pipes/top_pages.json", {{"q", "SELECT * FROM no_such_table"}});
    EXPECT_EQ(bad_q.status, 400) << bad_q.body;
}

TEST_F(HttpHandlerPipesTest, TemplateErrorsAndUnknownPipes)
{
    HttpResponse missing = call("GET", "/v0/pipes/session_events.json");
    EXPECT_EQ(missing.status, 400);
    EXPECT_NE(errorOf(missing).find("Required parameter is not defined"), std::string::npos) << missing.body;

    HttpResponse invalid = call("GET", "/v0/pipes/top_pages.json", {{"limit", "many"}});
    EXPECT_EQ(invalid.status, 400);
    EXPECT_NE(errorOf(invalid).find("Error validating 'many' to type Int32"), std::string::npos) << invalid.body;

    EXPECT_EQ(call("GET", "/v0/pipes/nope.json").status, 404);
    EXPECT_EQ(call("GET", "/v0/pipes/nope").status, 404);
    EXPECT_EQ(call("GET", "/v0/pipes/top_pages.parquet").status, 501);
    EXPECT_EQ(call("GET", "/v0/pipes/top_pages.json", {}, {}, {}, "").status, 401);
    EXPECT_EQ(call("GET", "/v0/pipes/top_pages.json", {}, {}, {}, "not-a-token").status, 401);
}

TEST_F(HttpHandlerPipesTest, PipesReadScopeLimitsWhatATokenSees)
{
    std::string workspace = platform_->auth().defaultWorkspace().id;
    AccessToken trend_only = platform_->auth().createToken(workspace, "trend_reader", {AuthService::parseScope("PIPES:READ:trend")});
    EXPECT_EQ(call("GET", "/v0/pipes/top_pages.json", {}, {}, {}, trend_only.token).status, 403);
    EXPECT_EQ(call("GET", "/v0/pipes/trend.json", {}, {}, {}, trend_only.token).status, 200);

    HttpResponse list = call("GET", "/v0/pipes", {}, {}, {}, trend_only.token);
    ASSERT_EQ(list.status, 200);
    simdjson::dom::element doc;
    ASSERT_EQ(parser_.parse(list.body).get(doc), simdjson::SUCCESS);
    simdjson::dom::array pipes = doc["pipes"];
    ASSERT_EQ(pipes.size(), 1u);
    EXPECT_EQ(std::string_view(pipes.at(0)["name"]), "trend");

    HttpResponse openapi = call("GET", "/v0/pipes/openapi.json", {}, {}, {}, trend_only.token);
    ASSERT_EQ(openapi.status, 200);
    ASSERT_EQ(parser_.parse(openapi.body).get(doc), simdjson::SUCCESS);
    EXPECT_EQ(simdjson::dom::object(doc["paths"]).size(), 3u);
}

TEST_F(HttpHandlerPipesTest, Metadata)
{
    HttpResponse list = call("GET", "/v1/pipes", {{"attrs", "name,type"}});
    ASSERT_EQ(list.status, 200);
    simdjson::dom::element doc;
    ASSERT_EQ(parser_.parse(list.body).get(doc), simdjson::SUCCESS);
    simdjson::dom::array pipes = doc["pipes"];
    EXPECT_EQ(pipes.size(), 5u);
    simdjson::dom::object first = pipes.at(0);
    EXPECT_EQ(first.size(), 2u);

    HttpResponse pipe = call("GET", "/v0/pipes/top_pages");
    ASSERT_EQ(pipe.status, 200) << pipe.body;
    ASSERT_EQ(parser_.parse(pipe.body).get(doc), simdjson::SUCCESS);
    EXPECT_EQ(std::string_view(doc["type"]), "endpoint");
    EXPECT_EQ(std::string_view(doc["url"]), "http://localhost:7181/v0/pipes/top_pages.json");
    simdjson::dom::array nodes = doc["nodes"];
    ASSERT_EQ(nodes.size(), 2u);
    EXPECT_EQ(std::string_view(nodes.at(0)["node_type"]), "standard");
    EXPECT_EQ(std::string_view(nodes.at(0)["dependencies"].at(0)), "analytics_events");
    simdjson::dom::element endpoint = nodes.at(1);
    EXPECT_EQ(std::string_view(doc["endpoint"]), std::string_view(endpoint["id"]));
    EXPECT_EQ(std::string_view(endpoint["node_type"]), "endpoint");
    EXPECT_EQ(std::string_view(endpoint["params"].at(3)["name"]), "limit");
    EXPECT_EQ(std::string_view(endpoint["params"].at(3)["type"]), "Int32");
    EXPECT_EQ(int64_t(endpoint["params"].at(3)["default"]), 10);
    EXPECT_FALSE(bool(endpoint["params"].at(3)["required"]));
    simdjson::dom::array columns = endpoint["columns"];
    ASSERT_EQ(columns.size(), 3u);
    EXPECT_EQ(std::string_view(columns.at(1)["name"]), "visits");
    EXPECT_EQ(std::string_view(columns.at(1)["type"]), "UInt64");

    HttpResponse text = call("GET", "/v1/pipes/trend.pipe");
    ASSERT_EQ(text.status, 200);
    EXPECT_EQ(text.body.substr(0, 14), "DESCRIPTION >\n");
    EXPECT_NE(text.body.find("TYPE endpoint\n"), std::string::npos);
    HttpResponse text_by_format = call("GET", "/v0/pipes/trend", {{"format", "pipe"}});
    EXPECT_EQ(text_by_format.body, text.body);
}
