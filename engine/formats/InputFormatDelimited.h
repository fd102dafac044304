#pragma once

#include "engine/formats/IInputFormat.h"
#include "engine/formats/InputColumnWriter.h"
#include "engine/formats/InputRowReader.h"

#include <deque>
#include <string>
#include <vector>

namespace pipit
{

/// CSV and TabSeparated input, optionally with a header row of names (mapped to columns by name;
/// unknown names are skipped, absent columns get defaults) and a row of types (skipped).
///   TSV: fields split on '\t', backslash escapes (\t \n \\ \N = NULL ...), an empty line is
///        skipped unless the header has a single column (then it is an empty value).
///   CSV: FormatSettings::csv_delimiter; fields may be double-quoted ("" inside is a quote, line
///        feeds allowed); unquoted \N is NULL, an unquoted empty field is the column default;
///        spaces and tabs around unquoted fields are trimmed; empty lines are skipped.
/// Without names, a row must have exactly as many fields as the header has columns.
class InputFormatDelimited final : public IInputFormat
{
public:
    enum class Dialect
    {
        CSV,
        TSV,
    };

    InputFormatDelimited(ReadBuffer & in, const Block & header, const FormatSettings & settings, Dialect dialect, bool with_names,
                         bool with_types = false);

    bool read(Block & good_rows, std::vector<InputRowError> & bad_rows, size_t max_rows) override;

private:
    struct FieldText
    {
        /// Unescaped / unquoted content (may point into scratch_).
        std::string_view value;
        /// The field as it appears in the row.
        std::string_view raw;
        bool quoted = false;
    };

    /// Splits a row into fields_ (CSV unquoting, not TSV unescaping); throws on malformed quoting.
    void splitRow(std::string_view row);
    void readHeader();
    void parseRow(size_t row);
    void insertField(size_t column, const FieldText & field, size_t row);

    Dialect dialect_;
    bool with_names_;
    bool with_types_;
    bool header_read_ = false;
    bool exhausted_ = false;
    InputRowReader reader_;
    std::vector<InputColumnWriter> writers_;
    /// Field index -> column position, -1 to skip the field.
    std::vector<ssize_t> field_to_column_;
    std::vector<UInt8> column_seen_;
    std::vector<FieldText> fields_;
    /// Unquoted CSV fields, one buffer per field index (a deque: growing keeps earlier views valid).
    std::deque<std::string> scratch_;
    std::string unescaped_;
    ssize_t current_column_ = -1;
};

} // namespace pipit
