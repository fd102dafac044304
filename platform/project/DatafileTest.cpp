#include "platform/project/Datafile.h"

#include "engine/base/Exception.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace pipit;

namespace
{

std::string errorOf(std::string_view text, DatafileKind kind, const std::string & path = "f.datasource")
{
    try
    {
        Datafile::parse(text, path, kind);
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::DATAFILE_ERROR);
        return e.message();
    }
    return "no error";
}

} // namespace

TEST(DatafileTest, DirectivesAreCaseInsensitiveAndValuesMayBeQuotedOrNot)
{
    auto file = Datafile::parse("engine \"MergeTree\"\nENGINE_SORTING_KEY tenant_id, domain, timestamp\nENGINE_TTL 'ts + INTERVAL 1 DAY'\n",
                                "x.datasource", DatafileKind::Datasource);
    ASSERT_EQ(file.directives().size(), 3u);
    EXPECT_EQ(file.directives()[0].name, "ENGINE");
    EXPECT_EQ(file.directives()[0].value, "MergeTree");
    EXPECT_EQ(file.directives()[1].value, "tenant_id, domain, timestamp");
    EXPECT_EQ(file.directives()[2].value, "ts + INTERVAL 1 DAY");
    EXPECT_EQ(file.directives()[2].line, 3u);
}

TEST(DatafileTest, UnquotedValueKeepsInnerQuotesAndDropsComment)
{
    auto file = Datafile::parse("ENGINE_TTL ts + INTERVAL 1 DAY WHERE a = 'x y' # keep 30 days\n", "x.datasource", DatafileKind::Datasource);
    ASSERT_EQ(file.directives().size(), 1u);
    EXPECT_EQ(file.directives()[0].value, "ts + INTERVAL 1 DAY WHERE a = 'x y'");
}

TEST(DatafileTest, HashInsideWordIsNotAComment)
{
    auto file = Datafile::parse("KAFKA_TOPIC topic#1\n", "x.datasource", DatafileKind::Datasource);
    EXPECT_EQ(file.directives()[0].value, "topic#1");
}

TEST(DatafileTest, BlocksRunUntilTheNextKnownDirectiveAndAreDedented)
{
    std::string text = "NODE a\n"
                       "SQL >\n"
                       "    %\n"
                       "    SELECT x\n"
                       "\n"
                       "      FROM t\n"
                       "WHERE x > 1\n"
                       "\n"
                       "TYPE endpoint\n";
    auto file = Datafile::parse(text, "p.pipe", DatafileKind::Pipe);
    ASSERT_EQ(file.directives().size(), 3u);
    const auto & sql = file.directives()[1];
    EXPECT_TRUE(sql.is_block);
    // Like Python's textwrap.dedent: the unindented WHERE line leaves no common indentation.
    EXPECT_EQ(sql.block, "    %\n    SELECT x\n\n      FROM t\nWHERE x > 1");
    EXPECT_EQ(sql.block_line, 3u);
    EXPECT_EQ(file.directives()[2].name, "TYPE");
    EXPECT_EQ(file.directives()[2].value, "endpoint");
}

TEST(DatafileTest, IndentedDirectiveInsideABlockIsSwallowed)
{
    auto file = Datafile::parse("NODE a\nSQL >\n    SELECT 1\n    TYPE endpoint\n", "p.pipe", DatafileKind::Pipe);
    ASSERT_EQ(file.directives().size(), 2u);
    EXPECT_EQ(file.directives()[1].block, "SELECT 1\nTYPE endpoint");
}

TEST(DatafileTest, CommentsAndCrLfAreIgnored)
{
    auto file = Datafile::parse("# a comment\r\nENGINE MergeTree\r\n\r\n", "x.datasource", DatafileKind::Datasource);
    ASSERT_EQ(file.directives().size(), 1u);
    EXPECT_EQ(file.directives()[0].value, "MergeTree");
}

TEST(DatafileTest, UnknownDirectiveNamesFileAndLine)
{
    EXPECT_EQ(errorOf("ENGINE MergeTree\n\nfoo bar\n", DatafileKind::Datasource), "f.datasource:3: FOO is not a valid option in datasource files.");
    EXPECT_EQ(errorOf("NODE a\nENGINE x\n", DatafileKind::Pipe, "p.pipe"), "p.pipe:2: ENGINE is not a valid option in pipe files.");
    EXPECT_NE(errorOf("SETTINGS a=1\n", DatafileKind::Datasource).find("Use ENGINE_SETTINGS"), std::string::npos);
}

TEST(DatafileTest, UnterminatedQuoteIsAnError)
{
    EXPECT_EQ(errorOf("ENGINE \"MergeTree\n", DatafileKind::Datasource), "f.datasource:1: No closing quotation");
}

TEST(DatafileTest, SplitLineFollowsShellQuoting)
{
    auto tokens = Datafile::splitLine(R"(TOKEN "a b" READ 'c "d"' e\ f "g\"h" # tail)", "x:1");
    ASSERT_EQ(tokens.size(), 6u);
    EXPECT_EQ(tokens[1], "a b");
    EXPECT_EQ(tokens[3], "c \"d\"");
    EXPECT_EQ(tokens[4], "e f");
    EXPECT_EQ(tokens[5], "g\"h");
}

TEST(DatafileTest, QuoteRoundTrips)
{
    std::string value = R"(a "b" \c)";
    auto tokens = Datafile::splitLine("X " + Datafile::quote(value), "x:1");
    ASSERT_EQ(tokens.size(), 2u);
    EXPECT_EQ(tokens[1], value);
}

TEST(DatafileTest, IncludeSplicesFileWithVariables)
{
    auto dir = std::filesystem::temp_directory_path() / ("pipit_datafile_include_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir / "includes");
    {
        std::ofstream(dir / "includes" / "node.incl") << "NODE $NAME\nSQL >\n    SELECT ${VALUE} AS v\n";
        std::ofstream(dir / "p.pipe") << "INCLUDE \"includes/node.incl\" NAME=first VALUE=42\n\nTYPE endpoint\n";
    }
    auto file = Datafile::load(dir / "p.pipe", DatafileKind::Pipe);
    ASSERT_EQ(file.directives().size(), 3u);
    EXPECT_EQ(file.directives()[0].args[0], "first");
    EXPECT_EQ(file.directives()[1].block, "SELECT 42 AS v");
    EXPECT_NE(file.directives()[1].file.find("node.incl"), std::string::npos);
    EXPECT_EQ(file.directives()[1].line, 2u);
    EXPECT_EQ(file.directives()[2].line, 3u);

    {
        std::ofstream(dir / "loop.incl") << "INCLUDE \"loop.incl\"\n";
        std::ofstream(dir / "loop.pipe") << "INCLUDE \"loop.incl\"\n";
    }
    EXPECT_THROW(Datafile::load(dir / "loop.pipe", DatafileKind::Pipe), Exception);
    std::filesystem::remove_all(dir);
}

TEST(DatafileTest, MissingIncludeIsAnError)
{
    EXPECT_EQ(errorOf("NODE a\nINCLUDE \"nope.incl\"\n", DatafileKind::Pipe, "/nonexistent/p.pipe"),
              "/nonexistent/p.pipe:2: Include file not found: nope.incl");
}

TEST(DatafileTest, ResourceNames)
{
    EXPECT_TRUE(isValidResourceName("top_pages"));
    EXPECT_TRUE(isValidResourceName("_x1"));
    EXPECT_FALSE(isValidResourceName("1x"));
    EXPECT_FALSE(isValidResourceName("a-b"));
    EXPECT_FALSE(isValidResourceName(""));
}
