#include "platform/project/Project.h"

#include "engine/base/Exception.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace pipit;

namespace
{

const std::filesystem::path projects = std::filesystem::path(PIPIT_SOURCE_DIR) / "tests/projects";

std::string loadError(const std::filesystem::path & dir)
{
    try
    {
        loadProject(dir);
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::DATAFILE_ERROR);
        return e.message();
    }
    return "no error";
}

/// A scratch project folder removed at the end of the test.
struct ScratchProject
{
    std::filesystem::path root;

    explicit ScratchProject(const std::string & name)
        : root(std::filesystem::temp_directory_path() / ("pipit_project_" + name + "_" + std::to_string(::getpid())))
    {
        std::filesystem::remove_all(root);
        std::filesystem::create_directories(root);
    }
    ~ScratchProject() { std::filesystem::remove_all(root); }

    void write(const std::string & relative, const std::string & text) const
    {
        auto path = root / relative;
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path) << text;
    }
};

} // namespace

TEST(ProjectTest, LoadsTheWebAnalyticsSample)
{
    Project project = loadProject(projects / "web_analytics");
    ASSERT_EQ(project.datasources.size(), 1u);
    const DatasourceDefinition * events = project.findDatasource("analytics_events");
    ASSERT_NE(events, nullptr);
    EXPECT_EQ(events->columns.size(), 5u);
    EXPECT_EQ(events->engine.sorting_key, "session_id, timestamp");
    EXPECT_EQ(events->tokens.size(), 2u);
    EXPECT_EQ(project.pipes.size(), 5u);
    for (const char * name : {"top_pages", "session_events", "trend", "kpis", "actions"})
    {
        const PipeDefinition * pipe = project.findPipe(name);
        ASSERT_NE(pipe, nullptr) << name;
        EXPECT_TRUE(pipe->isEndpoint()) << name;
    }
    EXPECT_EQ(project.findPipe("top_pages")->nodes.size(), 2u);
    ASSERT_EQ(project.fixtures.size(), 1u);
    EXPECT_EQ(project.fixtures[0].datasource, "analytics_events");
    EXPECT_EQ(project.fixtures[0].format, "ndjson");
    EXPECT_TRUE(std::filesystem::exists(project.findFixture("analytics_events")->path));
    EXPECT_EQ(project.findPipe("nope"), nullptr);
}

TEST(ProjectTest, FindsFilesAtAnyDepthAndPrefersNdjsonFixtures)
{
    ScratchProject scratch("nesting");
    scratch.write("src/tinybird/datasources/deep/events.datasource", "SCHEMA >\n    a String `json:$.a`\n");
    scratch.write("src/tinybird/pipes/p.pipe", "NODE n\nSQL >\n    SELECT * FROM events\n");
    scratch.write("connections/k.connection",
                  "TYPE kafka\nKAFKA_BOOTSTRAP_SERVERS {{ tb_secret(\"KAFKA_SERVERS\", \"localhost:9092\") }}\n");
    scratch.write("fixtures/events.csv", "a\nx\n");
    scratch.write("fixtures/events.ndjson", "{\"a\":\"x\"}\n");
    scratch.write("fixtures/unrelated.txt", "");
    scratch.write(".hidden/x.datasource", "garbage\n");
    scratch.write("node_modules/y.pipe", "garbage\n");
    Project project = loadProject(scratch.root);
    EXPECT_EQ(project.datasources.size(), 1u);
    EXPECT_EQ(project.pipes.size(), 1u);
    ASSERT_EQ(project.connections.size(), 1u);
    EXPECT_EQ(project.connections[0].type, "kafka");
    EXPECT_EQ(project.connections[0].setting("KAFKA_BOOTSTRAP_SERVERS"), "{{ tb_secret(\"KAFKA_SERVERS\", \"localhost:9092\") }}");
    ASSERT_EQ(project.fixtures.size(), 1u);
    EXPECT_EQ(project.fixtures[0].format, "ndjson");
}

TEST(ProjectTest, IncludesResolveAgainstTheProjectRoot)
{
    ScratchProject scratch("include");
    scratch.write("includes/schema.incl", "SCHEMA >\n    `$COL` String\n");
    scratch.write("datasources/events.datasource", "INCLUDE \"includes/schema.incl\" COL=name\n\nENGINE MergeTree\n");
    Project project = loadProject(scratch.root);
    ASSERT_EQ(project.datasources.size(), 1u);
    EXPECT_EQ(project.datasources[0].columns[0].name, "name");
}

TEST(ProjectTest, CrossFileValidation)
{
    EXPECT_NE(loadError(projects / "bad_datafiles/duplicate_names").find("Duplicated resource name 'events' (pipe): also defined in"),
              std::string::npos);
    std::string message = loadError(projects / "bad_datafiles/unknown_copy_target");
    EXPECT_NE(message.find("snapshot.pipe:1: Copy node 'snap': TARGET_DATASOURCE 'missing_target' is not a data source of the project"),
              std::string::npos)
        << message;

    ScratchProject scratch("validation");
    scratch.write("datasources/events.datasource", "SCHEMA >\n    a String\n");
    scratch.write("pipes/p.pipe", "NODE events\nSQL >\n    SELECT 1\n");
    EXPECT_NE(loadError(scratch.root).find("p.pipe:1: Node 'events' has the same name as the resource defined in"), std::string::npos);

    scratch.write("pipes/p.pipe",
                  "NODE n\nSQL >\n    SELECT 1\nTYPE sink\nEXPORT_CONNECTION_NAME k\nEXPORT_KAFKA_TOPIC t\nEXPORT_SCHEDULE @on-demand\n");
    EXPECT_NE(loadError(scratch.root).find("EXPORT_CONNECTION_NAME 'k' is not a connection of the project"), std::string::npos);
    scratch.write("connections/k.connection", "TYPE s3\nS3_REGION eu-west-1\nS3_ARN arn:aws:iam::1:role/x\n");
    EXPECT_NE(loadError(scratch.root).find("EXPORT_CONNECTION_NAME 'k' is a s3 connection"), std::string::npos);
    scratch.write("connections/k.connection", "TYPE kafka\nKAFKA_BOOTSTRAP_SERVERS b:9092\n");
    EXPECT_EQ(loadError(scratch.root), "no error");

    scratch.write("pipes/bad-name.pipe", "NODE n\nSQL >\n    SELECT 1\n");
    EXPECT_NE(loadError(scratch.root).find("bad-name.pipe:1: Invalid resource name 'bad-name'"), std::string::npos);
}

TEST(ProjectTest, ConnectionErrors)
{
    auto error = [](const std::string & text)
    {
        try
        {
            parseConnectionText(text, "c");
        }
        catch (const Exception & e)
        {
            return e.message();
        }
        return std::string("no error");
    };
    EXPECT_EQ(error("KAFKA_BOOTSTRAP_SERVERS x\n"), "c.connection:1: TYPE is required in connection files (kafka, s3 or gcs)");
    EXPECT_EQ(error("TYPE ftp\n"), "c.connection:1: Invalid connection TYPE 'ftp' (valid: kafka, s3, gcs)");
    EXPECT_EQ(error("TYPE kafka\nS3_REGION x\n"), "c.connection:1: S3_REGION is not valid for a kafka connection");
    EXPECT_EQ(error("TYPE kafka\n"), "c.connection:1: KAFKA_BOOTSTRAP_SERVERS is required for a kafka connection");
    EXPECT_EQ(error("TYPE s3\nS3_REGION x\n"), "c.connection:1: An s3 connection needs S3_ARN, or S3_ACCESS_KEY and S3_SECRET");
    EXPECT_EQ(error("TYPE gcs\nFOO x\n"), "c.connection:2: FOO is not a valid option in connection files.");
    EXPECT_EQ(error("TYPE kafka\nKAFKA_BOOTSTRAP_SERVERS b\nKAFKA_SECURITY_PROTOCOL TLS\n"),
              "c.connection:1: KAFKA_SECURITY_PROTOCOL must be one of PLAINTEXT, SASL_PLAINTEXT, SASL_SSL, got 'TLS'");
    EXPECT_EQ(error("TYPE kafka\nKAFKA_BOOTSTRAP_SERVERS b\nKAFKA_SASL_MECHANISM {{ tb_secret('M', 'PLAIN') }}\n"), "no error");
    auto kafka = parseConnectionText(
        "DESCRIPTION >\n    main\nTYPE kafka\nKAFKA_BOOTSTRAP_SERVERS b:9092\nKAFKA_SSL_CA_PEM >\n    -----BEGIN-----\n    abc\n", "c");
    EXPECT_EQ(kafka.setting("KAFKA_SSL_CA_PEM"), "-----BEGIN-----\nabc");
    auto again = parseConnectionText(connectionToText(kafka), "c");
    EXPECT_EQ(again.settings, kafka.settings);
    EXPECT_EQ(again.description, "main");
}

TEST(ProjectTest, DeprecatedDirectivesAreWarnings)
{
    auto file =
        Datafile::parse("VERSION 2\nSCHEMA >\n    a String\n\nKAFKA_TARGET_PARTITIONS auto\n", "w.datasource", DatafileKind::Datasource);
    ASSERT_EQ(file.warnings().size(), 2u);
    EXPECT_EQ(file.warnings()[0], "w.datasource:1: VERSION is deprecated and ignored");
    EXPECT_EQ(file.warnings()[1], "w.datasource:5: KAFKA_TARGET_PARTITIONS is deprecated");
}
