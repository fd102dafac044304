#pragma once

#include "engine/io/ReadBuffer.h"

#include <string_view>
#include <vector>

namespace pipit
{

/// Cuts a byte stream into rows for the row-oriented input formats. A row is the text up to a
/// line feed (not included; a preceding \r is dropped too); in CSV mode a line feed inside a
/// double-quoted field does not end the row. The final row may lack a line feed. A UTF-8 byte
/// order mark at the start of the input is dropped.
/// Rows are copied into an owned buffer followed by at least `padding` readable bytes, so
/// simdjson can parse a row in place.
class InputRowReader
{
public:
    enum class Mode
    {
        Lines,
        CSV,
    };

    static constexpr size_t padding = 64;

    /// `refill_bytes`: how much input is pulled at least per refill (tests use tiny values).
    InputRowReader(ReadBuffer & in, Mode mode, char csv_delimiter = ',', size_t refill_bytes = 1 << 20);

    /// Next row; false at the end of the input. `row` stays valid until the next call.
    /// `line_number` is the 1-based input line where the row starts.
    bool nextRow(std::string_view & row, size_t & line_number);

    /// Appends the next line to the row last returned by nextRow() (multi-line records); `row`
    /// is updated and keeps its line number. False at the end of the input.
    bool extendRow(std::string_view & row);
    /// The next line without consuming it (valid until the next call of any method).
    std::string_view peekLine();

    /// Bytes readable after row.data() (row, following data and padding).
    size_t capacityFrom(const char * row_begin) const { return static_cast<size_t>(buffer_.data() + buffer_.size() - row_begin); }

private:
    /// End of the row starting at `begin` within [begin, end) (position of the terminating \n),
    /// or nullptr if the row is not complete within the range.
    const char * findRowEnd(const char * begin, const char * end) const;
    /// Appends more input; false at end of stream.
    bool refill();

    ReadBuffer & in_;
    Mode mode_;
    char delimiter_;
    size_t refill_bytes_;
    /// Data occupies [pos_, data_end_) of buffer_; buffer_.size() >= data_end_ + padding.
    std::vector<char> buffer_;
    size_t pos_ = 0;
    size_t data_end_ = 0;
    /// Start of the row last returned (kept by refill()).
    size_t row_start_ = 0;
    /// Line number of the next row.
    size_t next_line_ = 1;
};

} // namespace pipit
