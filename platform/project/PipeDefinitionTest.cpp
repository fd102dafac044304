#include "platform/project/PipeDefinition.h"

#include "engine/base/Exception.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace pipit;

namespace
{

const std::filesystem::path bad_datafiles = std::filesystem::path(PIPIT_SOURCE_DIR) / "tests/projects/bad_datafiles";

std::string errorOf(const std::string & text)
{
    try
    {
        parsePipeText(text, "p");
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::DATAFILE_ERROR);
        return e.message();
    }
    return "no error";
}

std::string fileErrorOf(const std::string & file_name)
{
    try
    {
        parsePipe(Datafile::load(bad_datafiles / file_name, DatafileKind::Pipe), "p");
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::DATAFILE_ERROR);
        std::string message = e.message();
        size_t slash = message.rfind('/', message.find(": "));
        return slash == std::string::npos ? message : message.substr(slash + 1);
    }
    return "no error";
}

const char * top_paths = R"DS(DESCRIPTION >
    Top paths for a tenant in a date range

TOKEN "dash" READ

NODE filtered
SQL >
    %
    SELECT pathname, ts
    FROM clicks
    WHERE tenant = {{ String(tenant, required=True, description="Tenant id") }}
      AND ts >= {{ DateTime(start, '2024-01-01 00:00:00') }}
      {% if defined(end) %} AND ts < {{ DateTime(end) }} {% end %}

NODE result
DESCRIPTION >
    The ranking
SQL >
    %
    SELECT pathname, count() AS hits
    FROM filtered
    GROUP BY pathname
    ORDER BY hits DESC
    LIMIT {{ Int32(limit, 20) }}

TYPE endpoint
CACHE 60
)DS";

} // namespace

TEST(PipeDefinitionTest, ParsesAnEndpointPipe)
{
    auto pipe = parsePipeText(top_paths, "top_paths");
    EXPECT_EQ(pipe.description, "Top paths for a tenant in a date range");
    ASSERT_EQ(pipe.tokens.size(), 1u);
    EXPECT_EQ(pipe.tokens[0].name, "dash");
    ASSERT_EQ(pipe.nodes.size(), 2u);
    EXPECT_EQ(pipe.nodes[0].name, "filtered");
    EXPECT_EQ(pipe.nodes[0].type, PipeNodeType::Standard);
    EXPECT_TRUE(pipe.nodes[0].isTemplated());
    EXPECT_EQ(pipe.nodes[0].line, 6u);
    EXPECT_EQ(pipe.nodes[0].sql_line, 8u);
    EXPECT_EQ(pipe.nodes[0].sql.substr(0, 19), "%\nSELECT pathname, ");
    EXPECT_EQ(pipe.nodes[1].description, "The ranking");
    EXPECT_EQ(pipe.nodes[1].type, PipeNodeType::Endpoint);
    EXPECT_TRUE(pipe.isEndpoint());
    EXPECT_EQ(pipe.typeName(), "endpoint");
    EXPECT_EQ(&pipe.resultNode(), &pipe.nodes[1]);
    EXPECT_EQ(pipe.cache_seconds, 60u);
}

TEST(PipeDefinitionTest, DefaultPipeResultIsTheLastNode)
{
    auto pipe = parsePipeText("NODE a\nSQL >\n    SELECT 1\n\nNODE b\nSQL >\n    SELECT * FROM a\n", "p");
    EXPECT_FALSE(pipe.output_node.has_value());
    EXPECT_EQ(pipe.typeName(), "default");
    EXPECT_EQ(pipe.resultNode().name, "b");
    EXPECT_FALSE(pipe.nodes[0].isTemplated());
}

TEST(PipeDefinitionTest, OutputNodeSettings)
{
    auto mv = parsePipeText("NODE to_daily\nSQL >\n    SELECT 1\n\nTYPE MATERIALIZED\nDATASOURCE daily\nDEPLOYMENT_METHOD alter\n", "p");
    EXPECT_EQ(mv.type(), PipeNodeType::Materialized);
    EXPECT_EQ(mv.materialized_datasource, "daily");
    EXPECT_EQ(mv.deployment_method, "alter");

    auto copy = parsePipeText("NODE snapshot\nSQL >\n    SELECT 1\n\nTYPE copy\nTARGET_DATASOURCE latest\nCOPY_SCHEDULE 0 * * * *\nMODE replace\n", "p");
    EXPECT_EQ(copy.copy_target_datasource, "latest");
    EXPECT_EQ(copy.copy_schedule, "0 * * * *");
    EXPECT_EQ(copy.copy_mode, "replace");
    auto copy_defaults = parsePipeText("NODE s\nSQL >\n    SELECT 1\n\nTYPE copy\nTARGET_DATASOURCE latest\n", "p");
    EXPECT_EQ(copy_defaults.copy_schedule, "@on-demand");
    EXPECT_EQ(copy_defaults.copy_mode, "append");

    auto sink = parsePipeText("NODE export\nSQL >\n    SELECT 1\n\nTYPE sink\nEXPORT_CONNECTION_NAME \"lake_s3\"\nEXPORT_BUCKET_URI \"s3://l/c/\"\n"
                              "EXPORT_FILE_TEMPLATE \"clicks_{date}\"\nEXPORT_FORMAT \"parquet\"\nEXPORT_SCHEDULE \"0 3 * * *\"\n",
                              "p");
    EXPECT_EQ(sink.exportSetting("EXPORT_CONNECTION_NAME"), "lake_s3");
    EXPECT_EQ(sink.exportSetting("EXPORT_SCHEDULE"), "0 3 * * *");
}

TEST(PipeDefinitionTest, TextRoundTrips)
{
    for (const std::string & text :
         {std::string(top_paths), std::string("NODE snapshot\nSQL >\n    SELECT 1\n\nTYPE copy\nTARGET_DATASOURCE latest\nCOPY_SCHEDULE 0 * * * *\n"),
          std::string("NODE export\nSQL >\n    SELECT 1\n\nTYPE sink\nEXPORT_CONNECTION_NAME k\nEXPORT_KAFKA_TOPIC t\nEXPORT_SCHEDULE @on-demand\n")})
    {
        auto pipe = parsePipeText(text, "p");
        std::string canonical = pipeToText(pipe);
        auto again = parsePipeText(canonical, "p");
        EXPECT_EQ(pipeToText(again), canonical);
        ASSERT_EQ(again.nodes.size(), pipe.nodes.size());
        for (size_t i = 0; i < pipe.nodes.size(); ++i)
        {
            EXPECT_EQ(again.nodes[i].sql, pipe.nodes[i].sql);
            EXPECT_EQ(again.nodes[i].description, pipe.nodes[i].description);
            EXPECT_EQ(again.nodes[i].type, pipe.nodes[i].type);
        }
        EXPECT_EQ(again.copy_schedule, pipe.copy_schedule);
        EXPECT_EQ(again.export_settings, pipe.export_settings);
        EXPECT_EQ(again.cache_seconds, pipe.cache_seconds);
    }
}

TEST(PipeDefinitionTest, CronSchedules)
{
    EXPECT_EQ(validateCopySchedule("@on-demand"), "");
    EXPECT_EQ(validateCopySchedule("*/5 * * * *"), "");
    EXPECT_EQ(validateCopySchedule("0 16-23/1 * * 1-5"), "");
    EXPECT_EQ(validateCopySchedule("0,30 1,2 1 1 0"), "");
    EXPECT_NE(validateCopySchedule("0 16/1 * * *").find("use '16-23/1'"), std::string::npos);
    EXPECT_NE(validateCopySchedule("5/15 * * * *").find("use '5-59/15'"), std::string::npos);
    EXPECT_NE(validateCopySchedule("60 * * * *"), "");
    EXPECT_NE(validateCopySchedule("* * *"), "");
    EXPECT_NE(validateCopySchedule("a * * * *"), "");
    EXPECT_NE(validateCopySchedule("*/0 * * * *"), "");
}

TEST(PipeDefinitionTest, Errors)
{
    EXPECT_EQ(errorOf("NODE p\nSQL >\n    SELECT 1\n"), "p.pipe:1: Node 'p' must not have the same name as its pipe");
    EXPECT_EQ(errorOf("NODE a-b\n"), "p.pipe:1: Invalid node name 'a-b': use letters, digits and underscores, starting with a letter or _");
    EXPECT_EQ(errorOf("NODE a\n\nNODE b\nSQL >\n    SELECT 1\n"), "p.pipe:1: Node 'a' has no SQL");
    EXPECT_EQ(errorOf("TOKEN t APPEND\nNODE a\nSQL >\n    SELECT 1\n"), "p.pipe:1: Invalid TOKEN scope 'APPEND' in a pipe: only READ is valid");
    EXPECT_EQ(errorOf("NODE a\nSQL >\n    SELECT 1\nTYPE materialized\n"), "p.pipe:4: Materialized node 'a' requires DATASOURCE");
    EXPECT_EQ(errorOf("NODE a\nSQL >\n    SELECT 1\nCOPY_MODE append\n"), "p.pipe:4: COPY_MODE is not valid for a node without TYPE");
    EXPECT_EQ(errorOf("NODE a\nSQL >\n    SELECT 1\nTYPE copy\nTARGET_DATASOURCE t\nCOPY_MODE upsert\n"),
              "p.pipe:6: COPY_MODE must be append or replace, got 'upsert'");
    EXPECT_EQ(errorOf("NODE a\nSQL >\n    SELECT 1\nTYPE sink\nEXPORT_CONNECTION_NAME c\nEXPORT_KAFKA_TOPIC t\nEXPORT_BUCKET_URI s3://x\n"
                      "EXPORT_SCHEDULE @on-demand\n"),
              "p.pipe:4: Sink node 'a' mixes Kafka (EXPORT_KAFKA_TOPIC) and bucket (EXPORT_BUCKET_URI, ...) settings");
    EXPECT_EQ(errorOf("NODE a\nSQL >\n    SELECT 1\nTYPE endpoint\nCACHE soon\n"), "p.pipe:5: CACHE expects a number of seconds, got 'soon'");
}

TEST(PipeDefinitionTest, BadDatafiles)
{
    EXPECT_EQ(fileErrorOf("no_nodes.pipe"), "no_nodes.pipe:1: Pipe 'p' has no NODE");
    EXPECT_EQ(fileErrorOf("two_outputs.pipe"), "two_outputs.pipe:11: Only one output node per pipe: node 'a' already has TYPE endpoint (" +
                                                   (bad_datafiles / "two_outputs.pipe").string() + ":5)");
    EXPECT_EQ(fileErrorOf("bad_node_type.pipe"), "bad_node_type.pipe:5: Invalid TYPE 'view' (valid: endpoint, materialized, copy, sink)");
    EXPECT_EQ(fileErrorOf("copy_without_target.pipe"), "copy_without_target.pipe:5: Copy node 'a' requires TARGET_DATASOURCE");
    EXPECT_EQ(fileErrorOf("bad_cron.pipe"),
              "bad_cron.pipe:7: '5/15 * * * *' is not a valid cron expression: a step needs a range in the minute field: use '5-59/15' instead of "
              "'5/15'");
    EXPECT_EQ(fileErrorOf("sql_before_node.pipe"), "sql_before_node.pipe:1: SQL must follow a NODE");
    EXPECT_EQ(fileErrorOf("unknown_directive.pipe"), "unknown_directive.pipe:2: ENGINE is not a valid option in pipe files.");
    EXPECT_EQ(fileErrorOf("duplicate_node.pipe"), "duplicate_node.pipe:5: Node 'a' is defined twice in pipe 'p'");
    EXPECT_EQ(fileErrorOf("datasource_on_endpoint.pipe"), "datasource_on_endpoint.pipe:6: DATASOURCE is not valid for a TYPE endpoint node");
    EXPECT_EQ(fileErrorOf("missing_include.pipe"), "missing_include.pipe:1: Include file not found: does_not_exist.incl");
}
