#include "engine/formats/InputFormatJSONEachRow.h"

#include "engine/base/Exception.h"

#include <algorithm>

#include <simdjson.h>

#include <vector>

#include <charconv>

namespace pipit
{

namespace
{

static_assert(InputRowReader::padding >= simdjson::SIMDJSON_PADDING);

bool isJSONSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trimJSONSpace(std::string_view s)
{
    while (!s.empty() && isJSONSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isJSONSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

/// A row without surrounding whitespace and without a trailing ',' (rows of a JSON array).
std::string_view rowText(std::string_view line)
{
    std::string_view row = trimJSONSpace(line);
    if (!row.empty() && row.back() == ',')
        row = trimJSONSpace(row.substr(0, row.size() - 1));
    return row;
}

/// Splits `s` into top-level JSON objects separated by whitespace or commas ({..} {..},{..}), as
/// ClickHouse accepts several rows on one line. Returns one piece when `s` is a single object or
/// not a sequence of objects at all (the caller then reports the original parse error).
std::vector<std::string_view> splitTopLevelObjects(std::string_view s)
{
    std::vector<std::string_view> pieces;
    size_t depth = 0;
    size_t start = 0;
    bool in_string = false;
    for (size_t i = 0; i < s.size(); ++i)
    {
        char c = s[i];
        if (in_string)
        {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (depth == 0)
        {
            if (c == ' ' || c == '\t' || c == ',' || c == '\r')
                continue;
            if (c != '{')
                return {s};
            start = i;
        }
        if (c == '"')
            in_string = true;
        else if (c == '{' || c == '[')
            ++depth;
        else if ((c == '}' || c == ']') && depth > 0 && --depth == 0)
            pieces.push_back(s.substr(start, i + 1 - start));
    }
    if (depth != 0 || pieces.empty())
        return {s};
    return pieces;
}

/// Number of '{' and '[' not closed by the end of `s` (outside strings).
ssize_t openBrackets(std::string_view s)
{
    ssize_t depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < s.size(); ++i)
    {
        char c = s[i];
        if (in_string)
        {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"')
            in_string = true;
        else if (c == '{' || c == '[')
            ++depth;
        else if (c == '}' || c == ']')
            --depth;
    }
    return depth;
}

/// Multi-line objects are joined up to this size; beyond it the row is reported as bad.
constexpr size_t max_multiline_object_bytes = 64 << 20;

/// Thrown inside a row, caught by read(): carries the column the error is about.
[[noreturn]] void throwJSONError(simdjson::error_code error)
{
    throw Exception(ErrorCode::CANNOT_PARSE_INPUT_ASSERTION_FAILED, std::string("Malformed JSON: ") + simdjson::error_message(error));
}

struct StringHash
{
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view> {}(s); }
};

} // namespace

struct InputFormatJSONEachRow::Impl
{
    Impl(ReadBuffer & in, const Block & header, const FormatSettings & settings)
        : reader(in, InputRowReader::Mode::Lines)
    {
        for (const auto & column : header)
        {
            writers.emplace_back(column.type, settings);
            names.push_back(column.name);
            positions.emplace(column.name, names.size() - 1);
        }
        seen.assign(names.size(), 0);
    }

    /// Column position of a key, or -1 for an unknown field. Tries the column after the previous
    /// match first: objects usually list fields in the same order.
    ssize_t findColumn(std::string_view key)
    {
        if (expected_position < names.size() && names[expected_position] == key)
            return static_cast<ssize_t>(expected_position++);
        auto it = positions.find(key);
        if (it == positions.end())
            return -1;
        expected_position = it->second + 1;
        return static_cast<ssize_t>(it->second);
    }

    void parseValue(InputColumnWriter & writer, simdjson::dom::element value, size_t column, size_t row)
    {
        using Kind = InputColumnWriter::Kind;
        switch (value.type())
        {
        case simdjson::dom::element_type::STRING:
        {
            std::string_view s;
            if (auto error = value.get_string().get(s))
                throwJSONError(error);
            writer.insertText(s);
            return;
        }
        case simdjson::dom::element_type::UINT64:
        case simdjson::dom::element_type::INT64:
        case simdjson::dom::element_type::DOUBLE:
        {
            if (!writer.isNumberKind())
                writer.insertNumberAsText(formatNumber(value));
            else if (value.type() == simdjson::dom::element_type::UINT64)
                writer.insertUnsigned(value.get_uint64().value_unsafe(), {});
            else if (value.type() == simdjson::dom::element_type::INT64)
                writer.insertSigned(value.get_int64().value_unsafe(), {});
            else
                writer.insertFloat(value.get_double().value_unsafe(), {});
            return;
        }
        case simdjson::dom::element_type::BOOL:
        {
            bool b = value.get_bool().value_unsafe();
            if (writer.isNumberKind())
                writer.insertUnsigned(b ? 1 : 0, b ? "true" : "false");
            else if (writer.isStringKind())
                writer.insertText(b ? "true" : "false");
            else
                writer.insertWithType(b ? "true" : "false", InputColumnWriter::Syntax::JSON);
            return;
        }
        case simdjson::dom::element_type::NULL_VALUE:
        {
            if (!writer.insertNull())
                missing_rows(column).push_back(row);
            return;
        }
        case simdjson::dom::element_type::ARRAY:
        case simdjson::dom::element_type::OBJECT:
        {
            std::string text = simdjson::minify(value);
            if (writer.isStringKind())
                writer.insertText(text);
            else if (writer.kind() == Kind::Other)
                writer.insertWithType(text, InputColumnWriter::Syntax::JSON);
            else
                InputColumnWriter::throwCannotParse(text, writer.type().getName(), "expected a number");
            return;
        }
        }
    }

    /// JSON number as text (for String columns and types parsed from text).
    std::string_view formatNumber(simdjson::dom::element value)
    {
        char * end = number_buffer + sizeof(number_buffer);
        std::to_chars_result res {};
        if (value.type() == simdjson::dom::element_type::UINT64)
            res = std::to_chars(number_buffer, end, value.get_uint64().value_unsafe());
        else if (value.type() == simdjson::dom::element_type::INT64)
            res = std::to_chars(number_buffer, end, value.get_int64().value_unsafe());
        else
            res = std::to_chars(number_buffer, end, value.get_double().value_unsafe());
        return std::string_view(number_buffer, static_cast<size_t>(res.ptr - number_buffer));
    }

    /// Parses one object into the columns (row index `row`); throws on a bad row.
    void parseRow(std::string_view line, size_t row)
    {
        ++generation;
        current_column = -1;
        expected_position = 0;
        simdjson::dom::element root;
        if (auto error = parser.parse(line.data(), line.size(), false).get(root))
            throwJSONError(error);
        simdjson::dom::object object;
        if (root.get_object().get(object))
            throw Exception(ErrorCode::CANNOT_PARSE_INPUT_ASSERTION_FAILED, "Malformed JSON: expected a JSON object");
        for (auto field : object)
        {
            ssize_t position = findColumn(field.key);
            if (position < 0)
                continue;
            size_t column = static_cast<size_t>(position);
            if (seen[column] == generation)
                throw Exception(ErrorCode::INCORRECT_DATA, "Duplicate field found while parsing JSONEachRow format: " + names[column]);
            seen[column] = generation;
            current_column = position;
            parseValue(writers[column], field.value, column, row);
            current_column = -1;
        }
        for (size_t i = 0; i < writers.size(); ++i)
        {
            if (seen[i] != generation)
            {
                writers[i].insertDefault();
                missing_rows(i).push_back(row);
            }
        }
    }

    std::vector<size_t> & missing_rows(size_t column) { return (*missing)[column]; }

    InputRowReader reader;
    simdjson::dom::parser parser;
    char number_buffer[64];
    std::vector<InputColumnWriter> writers;
    std::vector<std::string> names;
    std::unordered_map<std::string, size_t, StringHash, std::equal_to<>> positions;
    std::vector<UInt64> seen;
    UInt64 generation = 0;
    size_t expected_position = 0;
    ssize_t current_column = -1;
    std::vector<std::vector<size_t>> * missing = nullptr;
    bool exhausted = false;
};

InputFormatJSONEachRow::InputFormatJSONEachRow(ReadBuffer & in, const Block & header, const FormatSettings & settings)
    : IInputFormat(in, header, settings)
    , impl_(std::make_unique<Impl>(in, header_, settings))
{
}

InputFormatJSONEachRow::~InputFormatJSONEachRow() = default;

bool InputFormatJSONEachRow::read(Block & good_rows, std::vector<InputRowError> & bad_rows, size_t max_rows)
{
    max_rows = std::max<size_t>(max_rows, 1);
    Impl & impl = *impl_;
    for (auto & rows : missing_.rows_per_column)
        rows.clear();
    impl.missing = &missing_.rows_per_column;

    MutableColumns columns;
    columns.reserve(header_.columns());
    for (size_t i = 0; i < header_.columns(); ++i)
    {
        columns.push_back(header_.getByPosition(i).type->createColumn());
        impl.writers[i].bind(*columns.back(), max_rows);
    }

    size_t rows = 0;
    size_t processed = 0;
    size_t bad_before = bad_rows.size();
    std::string_view line;
    size_t line_number = 0;
    while (rows < max_rows && processed < max_rows)
    {
        if (impl.exhausted || !impl.reader.nextRow(line, line_number))
        {
            impl.exhausted = true;
            break;
        }
        std::string_view row = rowText(line);
        if (row.empty() || row == "[" || row == "]")
            continue;
        ++processed;
        bool extended = false;
        while (true)
        {
            try
            {
                impl.parseRow(row, rows);
                ++rows;
                break;
            }
            catch (const Exception & e)
            {
                for (auto & writer : impl.writers)
                    writer.truncate(rows);
                for (auto & missing_rows : missing_.rows_per_column)
                    while (!missing_rows.empty() && missing_rows.back() >= rows)
                        missing_rows.pop_back();
                // An object spread over several lines (pretty-printed): join the following lines
                // while brackets are open and the next line does not start a new object.
                if (!extended && impl.current_column < 0 && row.front() == '{' && openBrackets(row) > 0)
                {
                    while (openBrackets(row) > 0 && line.size() < max_multiline_object_bytes)
                    {
                        std::string_view next = trimJSONSpace(impl.reader.peekLine());
                        if (next.starts_with('{') || !impl.reader.extendRow(line))
                            break;
                        row = rowText(line);
                        extended = true;
                    }
                    if (extended)
                        continue;
                }
                if (!extended && impl.current_column < 0 && row.front() == '{')
                {
                    auto pieces = splitTopLevelObjects(row);
                    if (pieces.size() > 1)
                    {
                        for (std::string_view piece : pieces)
                        {
                            try
                            {
                                impl.parseRow(piece, rows);
                                ++rows;
                            }
                            catch (const Exception & piece_error)
                            {
                                for (auto & writer : impl.writers)
                                    writer.truncate(rows);
                                for (auto & missing_rows : missing_.rows_per_column)
                                    while (!missing_rows.empty() && missing_rows.back() >= rows)
                                        missing_rows.pop_back();
                                InputRowError error;
                                error.row_number = line_number;
                                error.raw = truncateRaw(piece);
                                if (impl.current_column >= 0)
                                    error.column = impl.names[static_cast<size_t>(impl.current_column)];
                                error.reason = piece_error.message();
                                error.code = piece_error.code();
                                bad_rows.push_back(std::move(error));
                            }
                        }
                        break;
                    }
                }
                InputRowError error;
                error.row_number = line_number;
                error.raw = truncateRaw(line);
                if (impl.current_column >= 0)
                    error.column = impl.names[static_cast<size_t>(impl.current_column)];
                error.reason = e.message();
                error.code = e.code();
                bad_rows.push_back(std::move(error));
                break;
            }
        }
    }
    for (auto & writer : impl.writers)
        writer.unbind();
    finishBlock(good_rows, columns);
    return rows > 0 || bad_rows.size() > bad_before || !impl.exhausted;
}

} // namespace pipit
