#include "engine/formats/FormatFactory.h"

#include "engine/base/Exception.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

Block valuesHeader()
{
    Block header;
    header.insert({nullptr, parseDataType("UInt8"), "a"});
    header.insert({nullptr, parseDataType("String"), "s"});
    header.insert({nullptr, parseDataType("Array(UInt32)"), "arr"});
    return header;
}

struct ValuesRead
{
    std::vector<std::vector<std::string>> rows;
    std::vector<InputRowError> errors;
};

ValuesRead readValues(std::string_view data, IInputFormat::ExpressionEvaluator evaluator)
{
    ReadBufferFromMemory in(data);
    auto reader = createInputFormat("Values", in, valuesHeader(), FormatSettings {});
    if (evaluator)
        reader->setExpressionEvaluator(std::move(evaluator));
    ValuesRead result;
    Block block;
    while (reader->read(block, result.errors, 1000))
        for (size_t r = 0; r < block.rows(); ++r)
        {
            std::vector<std::string> row;
            for (size_t c = 0; c < block.columns(); ++c)
                row.push_back((*block.getByPosition(c).column)[r].dump());
            result.rows.push_back(row);
        }
    return result;
}

} // namespace

/// A value that is not a literal of its column type goes to the expression evaluator (ClickHouse evaluates it as SQL);
/// the evaluator's error becomes the row's error with its code; plain literals never reach the evaluator.
TEST(InputFormatValues, ExpressionsGoToTheEvaluator)
{
    std::vector<std::string> evaluated;
    auto evaluator = [&](std::string_view text, const DataTypePtr & type) -> Field
    {
        evaluated.emplace_back(text);
        if (text == "1 + 1")
        {
            EXPECT_EQ(type->getName(), "UInt8");
            return Field(UInt64(2));
        }
        if (text == "concat('a', 'b')")
            return Field(std::string("ab"));
        if (text == "7")
            return Field(std::string("7"));
        throw Exception(ErrorCode::NO_COMMON_TYPE, "no common type");
    };
    auto result = readValues("(1 + 1, concat('a', 'b'), [1, 2]), (3, 'x', [1, 'x']), (300, 'y', [5]), (4, 7, [6])", evaluator);
    ASSERT_EQ(result.rows.size(), 2u);
    EXPECT_EQ(result.rows[0], (std::vector<std::string> {"2", "'ab'", "[1, 2]"}));
    EXPECT_EQ(result.rows[1][0], "4");
    EXPECT_EQ(result.rows[1][1], "'7'");
    ASSERT_EQ(result.errors.size(), 2u);
    EXPECT_EQ(result.errors[0].row_number, 2u);
    EXPECT_EQ(result.errors[0].column, "arr");
    EXPECT_EQ(result.errors[0].code, ErrorCode::NO_COMMON_TYPE);
    EXPECT_EQ(result.errors[1].row_number, 3u);
    EXPECT_EQ(result.errors[1].column, "a");
    EXPECT_NE(result.errors[1].code, ErrorCode::NO_COMMON_TYPE);
    EXPECT_EQ(evaluated, (std::vector<std::string> {"1 + 1", "concat('a', 'b')", "[1, 'x']", "7"}));
}

TEST(InputFormatValues, WithoutEvaluatorExpressionsAreErrors)
{
    auto result = readValues("(1 + 1, 'a', []), (2, 'b', [3])", {});
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.rows[0][0], "2");
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].row_number, 1u);
}
