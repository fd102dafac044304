#include "engine/formats/InputFormatDelimited.h"

#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"

#include <algorithm>

#include <cstring>

namespace pipit
{

namespace
{

std::string_view trimSpaces(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

} // namespace

InputFormatDelimited::InputFormatDelimited(ReadBuffer & in, const Block & header, const FormatSettings & settings, Dialect dialect,
                                           bool with_names, bool with_types)
    : IInputFormat(in, header, settings)
    , dialect_(dialect)
    , with_names_(with_names)
    , with_types_(with_types)
    , reader_(in, dialect == Dialect::CSV ? InputRowReader::Mode::CSV : InputRowReader::Mode::Lines, settings.csv_delimiter)
{
    for (const auto & column : header_)
        writers_.emplace_back(column.type, settings_);
    for (size_t i = 0; i < header_.columns(); ++i)
        field_to_column_.push_back(static_cast<ssize_t>(i));
    column_seen_.assign(header_.columns(), 0);
}

void InputFormatDelimited::splitRow(std::string_view row)
{
    fields_.clear();
    if (dialect_ == Dialect::TSV)
    {
        const char * p = row.data();
        const char * end = p + row.size();
        while (true)
        {
            const char * tab = static_cast<const char *>(std::memchr(p, '\t', static_cast<size_t>(end - p)));
            const char * field_end = tab ? tab : end;
            std::string_view text(p, static_cast<size_t>(field_end - p));
            fields_.push_back({text, text, false});
            if (!tab)
                break;
            p = tab + 1;
        }
        return;
    }

    const char delimiter = settings_.csv_delimiter;
    const char * p = row.data();
    const char * end = p + row.size();
    while (true)
    {
        const char * field_begin = p;
        while (p < end && (*p == ' ' || *p == '\t') && *p != delimiter)
            ++p;
        FieldText field;
        if (p < end && *p == '"')
        {
            ++p;
            const char * quote = static_cast<const char *>(std::memchr(p, '"', static_cast<size_t>(end - p)));
            if (!quote)
                throw Exception(ErrorCode::CANNOT_PARSE_INPUT_ASSERTION_FAILED, "Unterminated quoted CSV field");
            if (quote + 1 >= end || quote[1] != '"')
            {
                /// No "" inside: the content is used in place.
                field.value = std::string_view(p, static_cast<size_t>(quote - p));
                p = quote + 1;
            }
            else
            {
                if (scratch_.size() <= fields_.size())
                    scratch_.resize(fields_.size() + 1);
                std::string & buffer = scratch_[fields_.size()];
                buffer.clear();
                while (true)
                {
                    buffer.append(p, quote);
                    p = quote + 1;
                    if (p < end && *p == '"')
                    {
                        buffer.push_back('"');
                        ++p;
                        quote = static_cast<const char *>(std::memchr(p, '"', static_cast<size_t>(end - p)));
                        if (!quote)
                            throw Exception(ErrorCode::CANNOT_PARSE_INPUT_ASSERTION_FAILED, "Unterminated quoted CSV field");
                        continue;
                    }
                    break;
                }
                field.value = buffer;
            }
            while (p < end && (*p == ' ' || *p == '\t') && *p != delimiter)
                ++p;
            if (p < end && *p != delimiter)
                throw Exception(ErrorCode::CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                                std::string("Unexpected character after a quoted CSV field: '") + *p + "'");
            field.quoted = true;
        }
        else
        {
            const char * delim = static_cast<const char *>(std::memchr(p, delimiter, static_cast<size_t>(end - p)));
            const char * field_end = delim ? delim : end;
            field.value = trimSpaces(std::string_view(p, static_cast<size_t>(field_end - p)));
            p = field_end;
        }
        field.raw = std::string_view(field_begin, static_cast<size_t>(p - field_begin));
        fields_.push_back(field);
        if (p >= end)
            break;
        ++p; /// delimiter
    }
}

void InputFormatDelimited::readHeader()
{
    header_read_ = true;
    std::string_view row;
    size_t line = 0;
    if (with_names_)
    {
        if (!reader_.nextRow(row, line))
            return;
        splitRow(row);
        field_to_column_.clear();
        std::vector<bool> used(header_.columns(), false);
        for (const auto & field : fields_)
        {
            std::string name;
            if (dialect_ == Dialect::TSV)
                unescapeString(field.value, name);
            else
                name = std::string(field.value);
            ssize_t position = -1;
            if (const auto * column = header_.findByName(name))
            {
                size_t index = header_.getPositionByName(column->name);
                if (used[index])
                    throw Exception(ErrorCode::INCORRECT_DATA, "Duplicate column '" + name + "' in the header row");
                used[index] = true;
                position = static_cast<ssize_t>(index);
            }
            field_to_column_.push_back(position);
        }
    }
    if (with_types_)
        reader_.nextRow(row, line);
}

void InputFormatDelimited::insertField(size_t column, const FieldText & field, size_t row)
{
    InputColumnWriter & writer = writers_[column];
    if (!field.quoted && field.value == "\\N")
    {
        if (!writer.insertNull())
            missing_.rows_per_column[column].push_back(row);
        return;
    }
    if (dialect_ == Dialect::CSV)
    {
        if (!field.quoted && field.value.empty())
        {
            writer.insertDefault();
            missing_.rows_per_column[column].push_back(row);
            return;
        }
        writer.insertText(field.value);
        return;
    }
    // TSV
    switch (writer.kind())
    {
    case InputColumnWriter::Kind::String:
    case InputColumnWriter::Kind::LowCardinalityString:
        if (std::memchr(field.value.data(), '\\', field.value.size()))
        {
            unescapeString(field.value, unescaped_);
            writer.insertText(unescaped_);
        }
        else
            writer.insertText(field.value);
        return;
    case InputColumnWriter::Kind::Other:
        writer.insertWithType(field.value, InputColumnWriter::Syntax::Escaped);
        return;
    default:
        writer.insertText(field.value);
        return;
    }
}

void InputFormatDelimited::parseRow(size_t row)
{
    if (!with_names_ && fields_.size() != header_.columns())
        throw Exception(ErrorCode::CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                        "Expected " + std::to_string(header_.columns()) + " fields, got " + std::to_string(fields_.size()));
    if (with_names_ && fields_.size() != field_to_column_.size())
        throw Exception(ErrorCode::CANNOT_PARSE_INPUT_ASSERTION_FAILED, "Expected " + std::to_string(field_to_column_.size()) +
                                                                            " fields as in the header row, got " +
                                                                            std::to_string(fields_.size()));
    std::fill(column_seen_.begin(), column_seen_.end(), 0);
    for (size_t i = 0; i < fields_.size(); ++i)
    {
        ssize_t position = field_to_column_[i];
        if (position < 0)
            continue;
        current_column_ = position;
        insertField(static_cast<size_t>(position), fields_[i], row);
        column_seen_[static_cast<size_t>(position)] = 1;
    }
    current_column_ = -1;
    for (size_t c = 0; c < column_seen_.size(); ++c)
    {
        if (!column_seen_[c])
        {
            writers_[c].insertDefault();
            missing_.rows_per_column[c].push_back(row);
        }
    }
}

bool InputFormatDelimited::read(Block & good_rows, std::vector<InputRowError> & bad_rows, size_t max_rows)
{
    max_rows = std::max<size_t>(max_rows, 1);
    for (auto & rows : missing_.rows_per_column)
        rows.clear();
    MutableColumns columns;
    for (size_t i = 0; i < header_.columns(); ++i)
    {
        columns.push_back(header_.getByPosition(i).type->createColumn());
        writers_[i].bind(*columns.back(), max_rows);
    }

    size_t rows = 0;
    size_t processed = 0;
    size_t bad_before = bad_rows.size();
    std::string_view row_text;
    size_t line_number = 0;
    const bool skip_empty = dialect_ == Dialect::CSV || header_.columns() != 1;
    while (rows < max_rows && processed < max_rows)
    {
        if (exhausted_)
            break;
        try
        {
            if (!header_read_)
                readHeader();
        }
        catch (const Exception & e)
        {
            // A malformed header row makes the whole input unreadable.
            exhausted_ = true;
            bad_rows.push_back({1, {}, {}, "Cannot read the header row: " + e.message(), e.code()});
            break;
        }
        if (!reader_.nextRow(row_text, line_number))
        {
            exhausted_ = true;
            break;
        }
        if (row_text.empty() && skip_empty)
            continue;
        ++processed;
        try
        {
            current_column_ = -1;
            splitRow(row_text);
            parseRow(rows);
            ++rows;
        }
        catch (const Exception & e)
        {
            for (auto & writer : writers_)
                writer.truncate(rows);
            for (auto & missing_rows : missing_.rows_per_column)
                while (!missing_rows.empty() && missing_rows.back() >= rows)
                    missing_rows.pop_back();
            InputRowError error;
            error.row_number = line_number;
            error.raw = truncateRaw(row_text);
            if (current_column_ >= 0)
                error.column = header_.getByPosition(static_cast<size_t>(current_column_)).name;
            error.reason = e.message();
            error.code = e.code();
            bad_rows.push_back(std::move(error));
        }
    }
    for (auto & writer : writers_)
        writer.unbind();
    finishBlock(good_rows, columns);
    return rows > 0 || bad_rows.size() > bad_before || !exhausted_;
}

} // namespace pipit
