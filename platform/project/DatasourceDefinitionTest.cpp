#include "platform/project/DatasourceDefinition.h"

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
        parseDatasourceText(text, "ds");
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
        parseDatasource(Datafile::load(bad_datafiles / file_name, DatafileKind::Datasource), "ds");
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::DATAFILE_ERROR);
        std::string message = e.message();
        // Locations are "<path>:<line>: ..."; keep the file name only.
        size_t slash = message.rfind('/', message.find(": "));
        return slash == std::string::npos ? message : message.substr(slash + 1);
    }
    return "no error";
}

const char * clicks = R"DS(DESCRIPTION >
    Raw click events, one row per click

TOKEN "ingest_clicks" APPEND
TOKEN "dash" READ

SCHEMA >
    `ts` DateTime64(3) `json:$.ts`,
    `user_id` String `json:$.user.id`,
    `country` LowCardinality(Nullable(String)) `json:$.geo.country`,
    `tags` Array(String) `json:$.tags[:]`,
    `raw` String `json:$`,
    `tenant` String `json:$.tenant` DEFAULT 'none',
    amount Decimal(10, 2) CODEC(ZSTD(1)),
    "status" DateTime('Europe/Madrid') DEFAULT toDateTime('2024-01-01 00:00:00, really') CODEC(LZ4)

INDEXES >
    idx_user user_id TYPE bloom_filter(0.01) GRANULARITY 4

ENGINE "MergeTree"
ENGINE_PARTITION_KEY "toYYYYMM(ts)"
ENGINE_SORTING_KEY "tenant, ts"
ENGINE_TTL "toDateTime(ts) + INTERVAL 90 DAY"
ENGINE_SETTINGS "index_granularity=8192"
)DS";

} // namespace

TEST(DatasourceDefinitionTest, ParsesTheReferenceExample)
{
    auto ds = parseDatasourceText(clicks, "clicks");
    EXPECT_EQ(ds.name, "clicks");
    EXPECT_EQ(ds.description, "Raw click events, one row per click");
    ASSERT_EQ(ds.tokens.size(), 2u);
    EXPECT_EQ(ds.tokens[0].name, "ingest_clicks");
    EXPECT_EQ(ds.tokens[0].scope, ResourceTokenScope::Append);
    EXPECT_EQ(ds.tokens[1].scope, ResourceTokenScope::Read);
    ASSERT_EQ(ds.columns.size(), 8u);
    EXPECT_EQ(ds.columns[0].name, "ts");
    EXPECT_EQ(ds.columns[0].type, "DateTime64(3)");
    EXPECT_EQ(ds.columns[0].jsonpath, "$.ts");
    EXPECT_EQ(ds.columns[0].line, 8u);
    EXPECT_EQ(ds.columns[1].jsonpath, "$.user.id");
    EXPECT_TRUE(ds.columns[2].nullable);
    EXPECT_EQ(ds.columns[2].type, "LowCardinality(Nullable(String))");
    EXPECT_EQ(ds.columns[3].jsonpath, "$.tags[:]");
    EXPECT_EQ(ds.columns[4].jsonpath, "$");
    EXPECT_EQ(ds.columns[5].default_expr, "'none'");
    EXPECT_EQ(ds.columns[5].default_kind, "DEFAULT");
    EXPECT_EQ(ds.columns[6].name, "amount");
    EXPECT_EQ(ds.columns[6].type, "Decimal(10, 2)");
    EXPECT_EQ(ds.columns[6].codec, "ZSTD(1)");
    EXPECT_EQ(ds.columns[6].jsonpath, "");
    EXPECT_EQ(ds.columns[7].name, "status");
    EXPECT_EQ(ds.columns[7].type, "DateTime('Europe/Madrid')");
    EXPECT_EQ(ds.columns[7].default_expr, "toDateTime('2024-01-01 00:00:00, really')");
    EXPECT_EQ(ds.columns[7].codec, "LZ4");
    EXPECT_EQ(ds.columns[7].line, 15u);
    ASSERT_EQ(ds.indexes.size(), 1u);
    EXPECT_EQ(ds.indexes[0].name, "idx_user");
    EXPECT_EQ(ds.indexes[0].expr, "user_id");
    EXPECT_EQ(ds.indexes[0].type, "bloom_filter(0.01)");
    EXPECT_EQ(ds.indexes[0].granularity, "4");
    EXPECT_EQ(ds.engine.engine, "MergeTree");
    EXPECT_EQ(ds.engine.partition_key, "toYYYYMM(ts)");
    EXPECT_EQ(ds.engine.sorting_key, "tenant, ts");
    EXPECT_EQ(ds.engine.ttl, "toDateTime(ts) + INTERVAL 90 DAY");
    EXPECT_EQ(ds.engine.settings, "index_granularity=8192");
}

TEST(DatasourceDefinitionTest, CreateTableSql)
{
    auto ds = parseDatasourceText(clicks, "clicks");
    EXPECT_EQ(datasourceCreateTableSql(ds, "clicks"),
              "CREATE TABLE `clicks`\n"
              "(\n"
              "    `ts` DateTime64(3),\n"
              "    `user_id` String,\n"
              "    `country` LowCardinality(Nullable(String)),\n"
              "    `tags` Array(String),\n"
              "    `raw` String,\n"
              "    `tenant` String DEFAULT 'none',\n"
              "    `amount` Decimal(10, 2) CODEC(ZSTD(1)),\n"
              "    `status` DateTime('Europe/Madrid') DEFAULT toDateTime('2024-01-01 00:00:00, really') CODEC(LZ4),\n"
              "    INDEX `idx_user` user_id TYPE bloom_filter(0.01) GRANULARITY 4\n"
              ")\n"
              "ENGINE = MergeTree\n"
              "PARTITION BY toYYYYMM(ts)\n"
              "ORDER BY (tenant, ts)\n"
              "TTL toDateTime(ts) + INTERVAL 90 DAY\n"
              "SETTINGS index_granularity=8192");
}

TEST(DatasourceDefinitionTest, CreateTableSqlForOtherEngines)
{
    auto replacing =
        parseDatasourceText("SCHEMA >\n    id String,\n    updated_at DateTime,\n    deleted UInt8\n\n"
                            "ENGINE ReplacingMergeTree\nENGINE_SORTING_KEY id\nENGINE_VER updated_at\nENGINE_IS_DELETED deleted\n",
                            "orders");
    EXPECT_EQ(datasourceCreateTableSql(replacing, "orders"),
              "CREATE TABLE `orders`\n(\n    `id` String,\n    `updated_at` DateTime,\n    `deleted` UInt8\n)\n"
              "ENGINE = ReplacingMergeTree(`updated_at`, `deleted`)\nORDER BY id");
    auto null_engine = parseDatasourceText("SCHEMA >\n    a String\n\nENGINE Null\n", "n");
    EXPECT_EQ(datasourceCreateTableSql(null_engine, "n"), "CREATE TABLE `n`\n(\n    `a` String\n)\nENGINE = Null");
    auto unsorted = parseDatasourceText("SCHEMA >\n    a String\n", "u");
    EXPECT_EQ(datasourceCreateTableSql(unsorted, "u"), "CREATE TABLE `u`\n(\n    `a` String\n)\nENGINE = MergeTree\nORDER BY tuple()");
    auto collapsing = parseDatasourceText("SCHEMA >\n    a String,\n    s Int8,\n    v UInt32\n\n"
                                          "ENGINE VersionedCollapsingMergeTree\nENGINE_SORTING_KEY a\nENGINE_SIGN s\nENGINE_VERSION v\n",
                                          "c");
    EXPECT_NE(datasourceCreateTableSql(collapsing, "c").find("ENGINE = VersionedCollapsingMergeTree(`s`, `v`)"), std::string::npos);
}

TEST(DatasourceDefinitionTest, TextRoundTrips)
{
    auto ds = parseDatasourceText(clicks, "clicks");
    std::string text = datasourceToText(ds);
    auto again = parseDatasourceText(text, "clicks");
    EXPECT_EQ(datasourceToText(again), text);
    ASSERT_EQ(again.columns.size(), ds.columns.size());
    for (size_t i = 0; i < ds.columns.size(); ++i)
    {
        EXPECT_EQ(again.columns[i].name, ds.columns[i].name);
        EXPECT_EQ(again.columns[i].type, ds.columns[i].type);
        EXPECT_EQ(again.columns[i].jsonpath, ds.columns[i].jsonpath);
        EXPECT_EQ(again.columns[i].default_expr, ds.columns[i].default_expr);
        EXPECT_EQ(again.columns[i].codec, ds.columns[i].codec);
    }
    EXPECT_EQ(again.engine.ttl, ds.engine.ttl);
    EXPECT_EQ(again.engine.sorting_key, ds.engine.sorting_key);
    EXPECT_EQ(again.description, ds.description);
    EXPECT_EQ(again.tokens.size(), 2u);
    EXPECT_EQ(again.indexes.size(), 1u);
    EXPECT_NE(text.find("`user_id` String `json:$.user.id`,\n"), std::string::npos);
    EXPECT_NE(text.find("ENGINE_SORTING_KEY \"tenant, ts\"\n"), std::string::npos);
}

TEST(DatasourceDefinitionTest, SdkStyleAndLegacyDirectives)
{
    auto ds =
        parseDatasourceText("SCHEMA >\n    ts DateTime64(3) `json:$.ts`,\n    tags Array(String) `json:$.tags`\n\n"
                            "ENGINE \"MergeTree\"\nSORTING_KEY ts\nPARTITION_KEY toYYYYMM(ts)\nTTL toDateTime(ts) + INTERVAL 1 DAY\n"
                            "KAFKA_CONNECTION_NAME kafka_main\nKAFKA_TOPIC events\nKAFKA_GROUP_ID g1\nKAFKA_STORE_RAW_VALUE False\n"
                            "FORWARD_QUERY >\n    SELECT ts, tags\nBACKFILL skip\nSHARED_WITH >\n    ws_a, ws_b\n    ws_c\nTAGS \"x, y\"\n",
                            "events");
    EXPECT_EQ(ds.engine.sorting_key, "ts");
    EXPECT_EQ(ds.engine.partition_key, "toYYYYMM(ts)");
    EXPECT_EQ(ds.engine.ttl, "toDateTime(ts) + INTERVAL 1 DAY");
    EXPECT_EQ(ds.connectorSetting("KAFKA_TOPIC"), "events");
    EXPECT_EQ(ds.connectorSetting("KAFKA_STORE_RAW_VALUE"), "False");
    EXPECT_EQ(ds.forward_query, "SELECT ts, tags");
    EXPECT_EQ(ds.backfill, "skip");
    EXPECT_EQ(ds.shared_with, (std::vector<std::string> {"ws_a", "ws_b", "ws_c"}));
    EXPECT_EQ(ds.tags, (std::vector<std::string> {"x", "y"}));
    auto again = parseDatasourceText(datasourceToText(ds), "events");
    EXPECT_EQ(again.connector_settings, ds.connector_settings);
    EXPECT_EQ(again.shared_with, ds.shared_with);
}

TEST(DatasourceDefinitionTest, SchemaErrorsNameTheLine)
{
    EXPECT_EQ(errorOf("SCHEMA >\n    a String,\n    b NotAType\n").substr(0, 56),
              "ds.datasource:3: Invalid type 'NotAType' for column 'b':");
    EXPECT_EQ(errorOf("SCHEMA >\n    a String `json:a`\n"), "ds.datasource:2: Invalid json path 'a' for column 'a': it must start with $");
    EXPECT_EQ(errorOf("SCHEMA >\n    a String,\n    a Int8\n"), "ds.datasource:3: Column 'a' is declared twice");
    EXPECT_EQ(errorOf("SCHEMA >\n    a\n"), "ds.datasource:2: Column 'a' needs a type");
    EXPECT_EQ(
        errorOf("SCHEMA >\n    a String NOT_A_THING\n"),
        "ds.datasource:2: Unexpected 'NOT_A_THING' in the definition of column 'a' (expected `json:$.path`, DEFAULT, CODEC or a comma)");
    EXPECT_EQ(errorOf("SCHEMA >\n    a String DEFAULT\n"), "ds.datasource:2: Column 'a': DEFAULT needs an expression");
    EXPECT_EQ(errorOf("SCHEMA >\n    a Array(String\n"), "ds.datasource:2: Unbalanced parentheses in SCHEMA");
    EXPECT_EQ(errorOf("SCHEMA >\n    a String\n\nSCHEMA >\n    b String\n"), "ds.datasource:4: SCHEMA is defined twice");
    EXPECT_EQ(errorOf("SCHEMA >\n\nENGINE MergeTree\n"), "ds.datasource:1: SCHEMA has no columns");
}

TEST(DatasourceDefinitionTest, EngineErrors)
{
    EXPECT_EQ(errorOf("SCHEMA >\n    a String\nENGINE_SIGN a\n"), "ds.datasource:3: ENGINE_SIGN is not valid for engine MergeTree");
    EXPECT_EQ(errorOf("SCHEMA >\n    a String\nENGINE CollapsingMergeTree\n"), "ds.datasource:3: CollapsingMergeTree requires ENGINE_SIGN");
    EXPECT_EQ(errorOf("SCHEMA >\n    a String\nENGINE ReplacingMergeTree\nENGINE_VER b\n"),
              "ds.datasource:4: ENGINE_VER 'b' is not a column of the data source");
    EXPECT_EQ(errorOf("SCHEMA >\n    a String\nENGINE Null\nENGINE_SORTING_KEY a\n"),
              "ds.datasource:4: ENGINE_SORTING_KEY is not valid for engine Null");
    EXPECT_EQ(errorOf("SCHEMA >\n    a String\nKAFKA_TOPIC t\n"), "ds.datasource:1: KAFKA_CONNECTION_NAME is required");
    EXPECT_EQ(errorOf("SCHEMA >\n    a String\nBACKFILL always\n"), "ds.datasource:3: BACKFILL only accepts 'skip', got 'always'");
    EXPECT_EQ(errorOf("SCHEMA >\n    a String\nENGINE mergetree\n"), "no error");
    EXPECT_EQ(errorOf("SCHEMA >\n    a String\nIMPORT_CONNECTION_NAME c\nIMPORT_BUCKET_URI s3://b/*.csv\nIMPORT_SCHEDULE @weekly\n"),
              "ds.datasource:1: IMPORT_SCHEDULE must be one of @auto, @on-demand, @once, got '@weekly'");
    EXPECT_EQ(errorOf("SCHEMA >\n    a String\nIMPORT_CONNECTION_NAME c\nIMPORT_BUCKET_URI s3://b/*.csv\nIMPORT_SCHEDULE @on-demand\n"),
              "no error");
    EXPECT_EQ(errorOf("SCHEMA >\n    a String\nKAFKA_CONNECTION_NAME k\nKAFKA_TOPIC t\nKAFKA_GROUP_ID g\nKAFKA_AUTO_OFFSET_RESET oldest\n"),
              "ds.datasource:1: KAFKA_AUTO_OFFSET_RESET must be one of earliest, latest, got 'oldest'");
    EXPECT_EQ(errorOf("SCHEMA >\n    a String\nKAFKA_CONNECTION_NAME k\nKAFKA_TOPIC t\nKAFKA_GROUP_ID g\nKAFKA_STORE_RAW_VALUE True\n"),
              "no error");
}

TEST(DatasourceDefinitionTest, BadDatafiles)
{
    EXPECT_EQ(fileErrorOf("unknown_directive.datasource"),
              "unknown_directive.datasource:5: FOO is not a valid option in datasource files.");
    EXPECT_EQ(fileErrorOf("settings_directive.datasource"),
              "settings_directive.datasource:4: SETTINGS is not a valid option in datasource files. Use ENGINE_SETTINGS instead.");
    EXPECT_EQ(fileErrorOf("missing_schema.datasource"), "missing_schema.datasource:1: SCHEMA is required in datasource files");
    EXPECT_EQ(fileErrorOf("bad_type.datasource").substr(0, 61), "bad_type.datasource:3: Invalid type 'NotAType' for column 'b'");
    EXPECT_EQ(fileErrorOf("bad_jsonpath.datasource"),
              "bad_jsonpath.datasource:3: Invalid json path 'b.c' for column 'b': it must start with $");
    EXPECT_EQ(fileErrorOf("bad_engine.datasource").substr(0, 48), "bad_engine.datasource:4: Unknown engine 'Kafka'.");
    EXPECT_EQ(fileErrorOf("ver_on_mergetree.datasource"), "ver_on_mergetree.datasource:6: ENGINE_VER is not valid for engine MergeTree");
    EXPECT_EQ(fileErrorOf("unclosed_quote.datasource"), "unclosed_quote.datasource:4: No closing quotation");
    EXPECT_EQ(fileErrorOf("duplicate_column.datasource"), "duplicate_column.datasource:4: Column 'a' is declared twice");
    EXPECT_EQ(fileErrorOf("bad_token_scope.datasource"), "bad_token_scope.datasource:1: Invalid TOKEN scope 'WRITE' (valid: READ, APPEND)");
}
