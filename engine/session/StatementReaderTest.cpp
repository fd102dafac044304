#include "engine/session/StatementReader.h"

#include <gtest/gtest.h>

#include <thread>
#include <unistd.h>

using namespace pipit;

namespace
{

std::vector<std::string> readAll(const std::string & text)
{
    int fds[2];
    EXPECT_EQ(::pipe(fds), 0);
    std::thread writer(
        [&]
        {
            // Write one byte at a time so every split point of the stream is exercised.
            for (char c : text)
                EXPECT_EQ(::write(fds[1], &c, 1), 1);
            ::close(fds[1]);
        });
    StatementReader reader(fds[0]);
    std::vector<std::string> statements;
    while (auto statement = reader.next())
        statements.push_back(*statement);
    writer.join();
    ::close(fds[0]);
    return statements;
}

} // namespace

TEST(StatementReader, SplitsOnSemicolonsOutsideQuotesAndComments)
{
    auto statements = readAll("SELECT 1; SELECT 'a;b' ; -- c;\nSELECT \"x;\" /* ; */ ;;\n SELECT `q;`");
    ASSERT_EQ(statements.size(), 4u);
    EXPECT_EQ(statements[0], "SELECT 1");
    EXPECT_EQ(statements[1], "SELECT 'a;b'");
    EXPECT_EQ(statements[2], "-- c;\nSELECT \"x;\" /* ; */");
    EXPECT_EQ(statements[3], "SELECT `q;`");
}

TEST(StatementReader, EscapedQuotesDoNotEndStrings)
{
    auto statements = readAll("INSERT INTO t VALUES ('it\\'s;', 1);SELECT 2;");
    ASSERT_EQ(statements.size(), 2u);
    EXPECT_EQ(statements[0], "INSERT INTO t VALUES ('it\\'s;', 1)");
    EXPECT_EQ(statements[1], "SELECT 2");
}

TEST(StatementReader, InsertFormatDataRunsToEndOfInput)
{
    auto statements = readAll("CREATE TABLE t (a String) ENGINE = Memory;\ninsert into t format CSV\n\"x;y\"\nz;\n");
    ASSERT_EQ(statements.size(), 2u);
    EXPECT_EQ(statements[1], "insert into t format CSV\n\"x;y\"\nz;\n");
}

TEST(StatementReader, InsertFormatDataOnTheSameLineEndsAtNewline)
{
    auto statements = readAll("INSERT INTO t FORMAT JSONEachRow {\"a\":\"x;y\"} {\"a\":\"z\"};\nSELECT 1;\nINSERT INTO t FORMAT CSV 1,2");
    ASSERT_EQ(statements.size(), 3u);
    EXPECT_EQ(statements[0], "INSERT INTO t FORMAT JSONEachRow {\"a\":\"x;y\"} {\"a\":\"z\"}");
    EXPECT_EQ(statements[1], "SELECT 1");
    EXPECT_EQ(statements[2], "INSERT INTO t FORMAT CSV 1,2");
}

TEST(StatementReader, InsertFormatValuesEndsAtSemicolon)
{
    auto statements = readAll("INSERT INTO t FORMAT Values (1);SELECT 1");
    ASSERT_EQ(statements.size(), 2u);
    EXPECT_EQ(statements[0], "INSERT INTO t FORMAT Values (1)");
}

TEST(StatementReader, UnterminatedStringIsReturnedAsTheLastStatement)
{
    auto statements = readAll("SELECT 1; SELECT 'abc");
    ASSERT_EQ(statements.size(), 2u);
    EXPECT_EQ(statements[1], "SELECT 'abc");
}

TEST(StatementReader, EmptyAndWhitespaceInput)
{
    EXPECT_TRUE(readAll("").empty());
    EXPECT_TRUE(readAll(" \n ;; \n").empty());
}
