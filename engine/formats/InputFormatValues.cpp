#include "engine/formats/InputFormatValues.h"

#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"

#include <algorithm>

#include <cctype>

namespace pipit
{

namespace
{

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

/// Index just past the quoted literal starting at s[begin] (a quote char), or npos if unterminated.
size_t skipQuoted(std::string_view s, size_t begin)
{
    char quote = s[begin];
    for (size_t i = begin + 1; i < s.size(); ++i)
    {
        if (s[i] == '\\')
        {
            ++i;
            continue;
        }
        if (s[i] == quote)
        {
            if (i + 1 < s.size() && s[i + 1] == quote)
            {
                ++i;
                continue;
            }
            return i + 1;
        }
    }
    return std::string_view::npos;
}

/// Unescapes a whole '...' literal; false if `value` is not exactly one string literal.
bool unquoteString(std::string_view value, std::string & out)
{
    out.clear();
    if (value.size() < 2 || value.front() != '\'')
        return false;
    size_t i = 1;
    while (i < value.size())
    {
        char c = value[i];
        if (c == '\\')
        {
            if (i + 1 >= value.size())
                return false;
            i += 1 + decodeEscapeSequence(value.substr(i + 1, value.size() - i - 2), out);
            continue;
        }
        if (c == '\'')
        {
            if (i + 1 < value.size() && value[i + 1] == '\'')
            {
                out.push_back('\'');
                i += 2;
                continue;
            }
            return i + 1 == value.size();
        }
        out.push_back(c);
        ++i;
    }
    return false;
}

} // namespace

InputFormatValues::InputFormatValues(ReadBuffer & in, const Block & header, const FormatSettings & settings)
    : IInputFormat(in, header, settings)
{
    for (const auto & column : header_)
        writers_.emplace_back(column.type, settings_);
}

size_t InputFormatValues::findTupleEnd(size_t begin) const
{
    std::string_view s = text_;
    int depth = 0;
    for (size_t i = begin; i < s.size(); ++i)
    {
        char c = s[i];
        if (c == '\'' || c == '"' || c == '`')
        {
            size_t next = skipQuoted(s, i);
            if (next == std::string_view::npos)
                return std::string_view::npos;
            i = next - 1;
        }
        else if (c == '(' || c == '[' || c == '{')
            ++depth;
        else if (c == ')' || c == ']' || c == '}')
        {
            if (--depth == 0)
                return c == ')' ? i : std::string_view::npos;
            if (depth < 0)
                return std::string_view::npos;
        }
    }
    return std::string_view::npos;
}

void InputFormatValues::insertValue(size_t column, std::string_view value, size_t row)
{
    if (!expression_evaluator_)
    {
        insertLiteral(column, value, row);
        return;
    }
    /// An unquoted value into a String column is an expression (a number, concat('a', 'b')), never raw text.
    const bool string_expression = writers_[column].isStringKind() && !value.empty() && value.front() != '\'' &&
                                   !equalsIgnoreCase(value, "NULL") && !equalsIgnoreCase(value, "DEFAULT");
    if (!string_expression)
    {
        try
        {
            insertLiteral(column, value, row);
            return;
        }
        catch (const Exception &)
        {
            /// A plain literal that does not fit the type keeps the literal parser's error.
            if (isPlainLiteral(value))
                throw;
        }
    }
    writers_[column].truncate(row);
    Field evaluated = expression_evaluator_(value, header_.getByPosition(column).type);
    bound_columns_[column]->insert(evaluated);
}

bool InputFormatValues::isPlainLiteral(std::string_view value)
{
    if (value.empty())
        return true;
    if (value.front() == '\'')
    {
        size_t end = skipQuoted(value, 0);
        return end == value.size();
    }
    /// A number: optional sign, then digits, letters (hex, exponents, inf, nan) and dots only.
    size_t i = (value.front() == '-' || value.front() == '+') ? 1 : 0;
    if (i == value.size())
        return false;
    for (; i < value.size(); ++i)
    {
        char c = value[i];
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' &&
            !((c == '-' || c == '+') && (value[i - 1] == 'e' || value[i - 1] == 'E')))
            return false;
    }
    return true;
}

void InputFormatValues::insertLiteral(size_t column, std::string_view value, size_t row)
{
    InputColumnWriter & writer = writers_[column];
    if (value.empty())
        throw Exception(ErrorCode::SYNTAX_ERROR, "Empty value in a Values tuple");
    if (equalsIgnoreCase(value, "NULL"))
    {
        if (!writer.insertNull())
            missing_.rows_per_column[column].push_back(row);
        return;
    }
    if (equalsIgnoreCase(value, "DEFAULT"))
    {
        writer.insertDefault();
        missing_.rows_per_column[column].push_back(row);
        return;
    }
    const bool other = writer.kind() == InputColumnWriter::Kind::Other;
    if (value.front() == '\'')
    {
        if (other)
        {
            writer.insertWithType(value, InputColumnWriter::Syntax::Quoted);
            return;
        }
        if (!unquoteString(value, unescaped_))
            throw Exception(ErrorCode::SYNTAX_ERROR, "Cannot parse string literal " + std::string(value.substr(0, 100)) +
                                                         ": expressions are not supported in Values");
        writer.insertText(unescaped_);
        return;
    }
    if (other)
    {
        writer.insertWithType(value, InputColumnWriter::Syntax::Quoted);
        return;
    }
    if (writer.isIntegerKind() || writer.isFloatKind())
    {
        if (equalsIgnoreCase(value, "true") || equalsIgnoreCase(value, "false"))
        {
            writer.insertUnsigned(equalsIgnoreCase(value, "true") ? 1 : 0, value);
            return;
        }
    }
    writer.insertText(value);
}

void InputFormatValues::parseTuple(std::string_view tuple, size_t row)
{
    // tuple is "( ... )"; split the inside on top-level commas.
    values_.clear();
    std::string_view inside = tuple.substr(1, tuple.size() - 2);
    size_t start = 0;
    int depth = 0;
    for (size_t i = 0; i < inside.size(); ++i)
    {
        char c = inside[i];
        if (c == '\'' || c == '"' || c == '`')
        {
            size_t next = skipQuoted(inside, i);
            if (next == std::string_view::npos)
                throw Exception(ErrorCode::SYNTAX_ERROR, "Unterminated quoted literal");
            i = next - 1;
        }
        else if (c == '(' || c == '[' || c == '{')
            ++depth;
        else if (c == ')' || c == ']' || c == '}')
            --depth;
        else if (c == ',' && depth == 0)
        {
            values_.push_back(trim(inside.substr(start, i - start)));
            start = i + 1;
        }
    }
    std::string_view last = trim(inside.substr(start));
    if (!(values_.empty() && last.empty()))
        values_.push_back(last);
    if (values_.size() != header_.columns())
        throw Exception(ErrorCode::CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                        "Expected " + std::to_string(header_.columns()) + " values in a tuple, got " + std::to_string(values_.size()));
    for (size_t c = 0; c < values_.size(); ++c)
    {
        current_column_ = static_cast<ssize_t>(c);
        insertValue(c, values_[c], row);
    }
    current_column_ = -1;
}

bool InputFormatValues::read(Block & good_rows, std::vector<InputRowError> & bad_rows, size_t max_rows)
{
    max_rows = std::max<size_t>(max_rows, 1);
    if (!loaded_)
    {
        loaded_ = true;
        char buffer[65536];
        while (size_t n = in_.read(buffer, sizeof(buffer)))
            text_.append(buffer, n);
    }
    for (auto & rows : missing_.rows_per_column)
        rows.clear();
    MutableColumns columns;
    for (size_t i = 0; i < header_.columns(); ++i)
    {
        columns.push_back(header_.getByPosition(i).type->createColumn());
        writers_[i].bind(*columns.back());
    }
    bound_columns_.clear();
    for (auto & column : columns)
        bound_columns_.push_back(column.get());

    size_t rows = 0;
    size_t processed = 0;
    size_t bad_before = bad_rows.size();
    auto report = [&](std::string_view raw, const std::string & reason, ErrorCode code)
    {
        for (auto & writer : writers_)
            writer.truncate(rows);
        for (auto & missing_rows : missing_.rows_per_column)
            while (!missing_rows.empty() && missing_rows.back() >= rows)
                missing_rows.pop_back();
        InputRowError error;
        error.row_number = tuple_number_;
        error.raw = truncateRaw(raw);
        if (current_column_ >= 0)
            error.column = header_.getByPosition(static_cast<size_t>(current_column_)).name;
        error.reason = reason;
        error.code = code;
        bad_rows.push_back(std::move(error));
        current_column_ = -1;
    };
    while (!exhausted_ && rows < max_rows && processed < max_rows)
    {
        while (pos_ < text_.size() && (isSpace(text_[pos_]) || text_[pos_] == ','))
            ++pos_;
        if (pos_ >= text_.size() || text_[pos_] == ';')
        {
            exhausted_ = true;
            break;
        }
        ++tuple_number_;
        ++processed;
        if (text_[pos_] != '(')
        {
            report(std::string_view(text_).substr(pos_), "Expected '(' at the start of a Values tuple",
                   ErrorCode::CANNOT_PARSE_INPUT_ASSERTION_FAILED);
            exhausted_ = true;
            break;
        }
        size_t end = findTupleEnd(pos_);
        if (end == std::string_view::npos)
        {
            report(std::string_view(text_).substr(pos_), "Unterminated Values tuple", ErrorCode::CANNOT_PARSE_INPUT_ASSERTION_FAILED);
            exhausted_ = true;
            break;
        }
        std::string_view tuple = std::string_view(text_).substr(pos_, end + 1 - pos_);
        pos_ = end + 1;
        try
        {
            current_column_ = -1;
            parseTuple(tuple, rows);
            ++rows;
        }
        catch (const Exception & e)
        {
            report(tuple, e.message(), e.code());
        }
    }
    for (auto & writer : writers_)
        writer.unbind();
    bound_columns_.clear();
    finishBlock(good_rows, columns);
    return rows > 0 || bad_rows.size() > bad_before || !exhausted_;
}

} // namespace pipit
