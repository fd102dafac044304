#pragma once

#include "engine/formats/IInputFormat.h"
#include "engine/formats/InputColumnWriter.h"

#include <string>
#include <vector>

namespace pipit
{

/// Values: SQL tuples `(1, 'a'), (2, 'b')` as after INSERT ... VALUES. Each value is a literal:
/// a number, a quoted string ('' and backslash escapes), NULL, DEFAULT, true/false, or a literal
/// the column type parses in its quoted form ([1, 2], '2024-01-01 00:00:00', (1, 'x')).
/// Expressions are not supported. Tuples may be separated by commas and whitespace; a final ';'
/// ends the input. row_number of an error is the 1-based tuple number. A tuple whose parentheses
/// or quotes never close makes the rest of the input one bad row.
class InputFormatValues final : public IInputFormat
{
public:
    InputFormatValues(ReadBuffer & in, const Block & header, const FormatSettings & settings);

    bool read(Block & good_rows, std::vector<InputRowError> & bad_rows, size_t max_rows) override;

private:
    /// End (index of the closing ')') of the tuple starting at text_[begin] == '(', or npos.
    size_t findTupleEnd(size_t begin) const;
    void parseTuple(std::string_view tuple, size_t row);
    void insertValue(size_t column, std::string_view value, size_t row);

    bool loaded_ = false;
    bool exhausted_ = false;
    std::string text_;
    size_t pos_ = 0;
    size_t tuple_number_ = 0;
    std::vector<InputColumnWriter> writers_;
    std::vector<std::string_view> values_;
    std::string unescaped_;
    ssize_t current_column_ = -1;
};

} // namespace pipit
