#include "engine/formats/InputRowReader.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

struct Row
{
    std::string text;
    size_t line;
    bool operator==(const Row &) const = default;
};

[[maybe_unused]] void PrintTo(const Row & row, std::ostream * os)
{
    *os << row.line << ":" << ::testing::PrintToString(row.text);
}

std::vector<Row> readRows(std::string_view data, InputRowReader::Mode mode, size_t refill)
{
    ReadBufferFromMemory in(data);
    InputRowReader reader(in, mode, ',', refill);
    std::vector<Row> rows;
    std::string_view row;
    size_t line = 0;
    while (reader.nextRow(row, line))
    {
        EXPECT_GE(reader.capacityFrom(row.data()), row.size() + InputRowReader::padding);
        rows.push_back({std::string(row), line});
    }
    return rows;
}

} // namespace

TEST(InputRowReader, LinesAtEveryRefillSize)
{
    std::string data = "a\r\nbb\n\nccc\r\n" + std::string(100, 'x') + "\nlast";
    std::vector<Row> expected = {{"a", 1}, {"bb", 2}, {"", 3}, {"ccc", 4}, {std::string(100, 'x'), 5}, {"last", 6}};
    for (size_t refill : {1, 2, 3, 5, 8, 64, 1 << 20})
        EXPECT_EQ(readRows(data, InputRowReader::Mode::Lines, refill), expected) << refill;
}

TEST(InputRowReader, CSVQuotedLineFeedsAtEveryRefillSize)
{
    std::string data = "1,\"a\nb\",x\r\n2,\"\"\"\",\"c\"\"\n\"\"d\"\nx\"y,\"z\n3, \"sp\nace\"";
    // x"y: a quote inside an unquoted field is literal; ,"z\n3, " is a quoted field.
    std::vector<Row> expected = {{"1,\"a\nb\",x", 1}, {"2,\"\"\"\",\"c\"\"\n\"\"d\"", 3}, {"x\"y,\"z\n3, \"sp", 5}, {"ace\"", 7}};
    for (size_t refill : {1, 2, 3, 4, 7, 1 << 20})
        EXPECT_EQ(readRows(data, InputRowReader::Mode::CSV, refill), expected) << refill;
}

TEST(InputRowReader, ExtendRowAcrossRefills)
{
    std::string data = "{\n \"a\": 1,\n \"b\": 2\n}\nnext\n";
    for (size_t refill : {1, 2, 3, 6, 1 << 20})
    {
        ReadBufferFromMemory in(data);
        InputRowReader reader(in, InputRowReader::Mode::Lines, ',', refill);
        std::string_view row;
        size_t line = 0;
        ASSERT_TRUE(reader.nextRow(row, line));
        EXPECT_EQ(row, "{");
        EXPECT_EQ(reader.peekLine(), " \"a\": 1,");
        ASSERT_TRUE(reader.extendRow(row));
        ASSERT_TRUE(reader.extendRow(row));
        ASSERT_TRUE(reader.extendRow(row));
        EXPECT_EQ(row, "{\n \"a\": 1,\n \"b\": 2\n}") << refill;
        ASSERT_TRUE(reader.nextRow(row, line));
        EXPECT_EQ(row, "next");
        EXPECT_EQ(line, 5u);
        EXPECT_FALSE(reader.extendRow(row));
        EXPECT_FALSE(reader.nextRow(row, line));
    }
}

TEST(InputRowReader, EmptyInput)
{
    EXPECT_TRUE(readRows("", InputRowReader::Mode::Lines, 1).empty());
    EXPECT_EQ(readRows("\n", InputRowReader::Mode::CSV, 1), std::vector<Row>({{"", 1}}));
}
