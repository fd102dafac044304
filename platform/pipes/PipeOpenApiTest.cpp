#include "platform/pipes/PipeOpenApi.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>

using namespace pipit;

namespace
{

const std::filesystem::path projects = std::filesystem::path(PIPIT_SOURCE_DIR) / "tests/projects";

} // namespace

TEST(PipeOpenApiTest, DocumentsEveryEndpointWithTypedParameters)
{
    PipeCompiler compiler(std::make_shared<const Project>(loadProject(projects / "web_analytics")));
    PipeOpenApiOptions options;
    options.server_url = "http://localhost:7181";
    options.columns = [](const PipeDefinition & pipe) -> std::vector<std::pair<std::string, std::string>>
    {
        if (pipe.name == "trend")
            return {{"day", "Date"}, {"visits", "UInt64"}, {"visitors", "Nullable(UInt64)"}};
        return {};
    };
    std::string text = buildOpenApi(compiler, options);

    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    ASSERT_EQ(parser.parse(text).get(doc), simdjson::SUCCESS) << text;
    EXPECT_EQ(std::string_view(doc["openapi"]), "3.0.3");
    EXPECT_EQ(std::string_view(doc["servers"].at(0)["url"]), "http://localhost:7181");
    simdjson::dom::object paths = doc["paths"];
    EXPECT_EQ(paths.size(), 15u); // 5 endpoints x json/csv/ndjson

    simdjson::dom::array parameters = doc["paths"]["/v0/pipes/top_pages.json"]["get"]["parameters"];
    ASSERT_EQ(parameters.size(), 4u);
    simdjson::dom::element date_from = parameters.at(0);
    EXPECT_EQ(std::string_view(date_from["name"]), "date_from");
    EXPECT_EQ(std::string_view(date_from["in"]), "query");
    EXPECT_EQ(std::string_view(date_from["schema"]["type"]), "string");
    EXPECT_EQ(std::string_view(date_from["schema"]["format"]), "date-time");
    EXPECT_EQ(std::string_view(date_from["schema"]["default"]), "2026-10-01 00:00:00");
    EXPECT_EQ(std::string_view(date_from["description"]), "Start of the period (inclusive)");
    simdjson::dom::element limit = parameters.at(3);
    EXPECT_EQ(std::string_view(limit["schema"]["type"]), "integer");
    EXPECT_EQ(int64_t(limit["schema"]["default"]), 10);

    simdjson::dom::element session = doc["paths"]["/v0/pipes/session_events.ndjson"]["get"]["parameters"].at(0);
    EXPECT_TRUE(bool(session["required"]));
    EXPECT_EQ(std::string_view(session["example"]), "52135cb13ccc38b7-0000");

    simdjson::dom::element actions = doc["paths"]["/v0/pipes/actions.csv"]["get"]["parameters"].at(0);
    EXPECT_EQ(std::string_view(actions["schema"]["type"]), "array");
    EXPECT_EQ(std::string_view(actions["schema"]["items"]["type"]), "string");
    EXPECT_FALSE(bool(actions["explode"]));

    simdjson::dom::element trend_row = doc["components"]["schemas"]["trend_response"]["properties"]["data"]["items"];
    EXPECT_EQ(std::string_view(trend_row["properties"]["day"]["format"]), "date");
    EXPECT_TRUE(bool(trend_row["properties"]["visitors"]["nullable"]));

    options.filter = [](const PipeDefinition & pipe) { return pipe.name == "kpis"; };
    ASSERT_EQ(parser.parse(buildOpenApi(compiler, options)).get(doc), simdjson::SUCCESS);
    EXPECT_EQ(simdjson::dom::object(doc["paths"]).size(), 3u);
}

TEST(PipeOpenApiTest, Schemas)
{
    EXPECT_EQ(openApiSchemaForParameterType("Int32"), R"({"type":"integer","format":"int32"})");
    EXPECT_EQ(openApiSchemaForParameterType("UInt64"), R"({"type":"integer","format":"int64"})");
    EXPECT_EQ(openApiSchemaForParameterType("Float64"), R"({"type":"number","format":"double"})");
    EXPECT_EQ(openApiSchemaForParameterType("Boolean"), R"({"type":"boolean"})");
    EXPECT_EQ(openApiSchemaForParameterType("Date"), R"({"type":"string","format":"date"})");
    EXPECT_EQ(openApiSchemaForParameterType("DateTime64"), R"({"type":"string","format":"date-time"})");
    EXPECT_EQ(openApiSchemaForParameterType("Array(Int8)"), R"({"type":"array","items":{"type":"integer","format":"int32"}})");
    EXPECT_EQ(openApiSchemaForColumnType("LowCardinality(Nullable(String))"), R"({"type":"string","nullable":true})");
    EXPECT_EQ(openApiSchemaForColumnType("Array(Nullable(Float32))"), R"({"type":"array","items":{"type":"number","format":"float","nullable":true}})");
    EXPECT_EQ(openApiSchemaForColumnType("Map(String, UInt8)"), R"({"type":"object"})");
}
