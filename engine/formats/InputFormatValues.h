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
/// A value that is not such a literal (`1 + 1`, `now()`, `[1, 'x']`) goes to the expression evaluator when
/// one is set (see IInputFormat::setExpressionEvaluator), else is an error; a plain literal (a quoted
/// string, a number) that does not fit its type keeps the literal parser's error. Tuples may be separated by commas and whitespace; a final
/// ';' ends the input. row_number of an error is the 1-based tuple number. A tuple whose parentheses or quotes never close makes the rest
/// of the input one bad row.
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
    void insertLiteral(size_t column, std::string_view value, size_t row);
    /// A single quoted string or a number token (no operators, calls or brackets).
    static bool isPlainLiteral(std::string_view value);

    bool loaded_ = false;
    bool exhausted_ = false;
    std::string text_;
    size_t pos_ = 0;
    size_t tuple_number_ = 0;
    std::vector<InputColumnWriter> writers_;
    /// The columns the writers are bound to during read() (target of evaluated expressions).
    std::vector<IColumn *> bound_columns_;
    std::vector<std::string_view> values_;
    std::string unescaped_;
    ssize_t current_column_ = -1;
};

} // namespace pipit
