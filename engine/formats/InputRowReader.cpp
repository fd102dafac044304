#include "engine/formats/InputRowReader.h"

#include <algorithm>
#include <cstring>

namespace pipit
{

InputRowReader::InputRowReader(ReadBuffer & in, Mode mode, char csv_delimiter, size_t refill_bytes)
    : in_(in)
    , mode_(mode)
    , delimiter_(csv_delimiter)
    , refill_bytes_(std::max<size_t>(refill_bytes, 1))
{
}

bool InputRowReader::refill()
{
    if (in_.eof())
        return false;
    // Drop consumed bytes, then append at least as much as is pending so that rows longer than
    // one refill are rescanned only O(log n) times.
    // Keep the current row too (extendRow() grows it).
    size_t keep = std::min(pos_, row_start_);
    if (keep > 0)
    {
        std::memmove(buffer_.data(), buffer_.data() + keep, data_end_ - keep);
        data_end_ -= keep;
        pos_ -= keep;
        row_start_ -= keep;
    }
    size_t want = std::max(refill_bytes_, data_end_);
    if (buffer_.size() < data_end_ + want + padding)
        buffer_.resize(data_end_ + want + padding);
    size_t got = 0;
    while (got < want && !in_.eof())
    {
        size_t n = std::min(want - got, in_.available());
        std::memcpy(buffer_.data() + data_end_ + got, in_.position(), n);
        in_.advance(n);
        got += n;
    }
    data_end_ += got;
    return got > 0;
}

const char * InputRowReader::findRowEnd(const char * begin, const char * end) const
{
    if (mode_ == Mode::Lines)
        return static_cast<const char *>(std::memchr(begin, '\n', static_cast<size_t>(end - begin)));

    // CSV: a field that starts with '"' (after optional spaces) runs to the next '"' not followed
    // by another '"'; other quotes are literal. Jump between line feeds and quotes with memchr.
    const char * p = begin;
    const char * line_feed = static_cast<const char *>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    while (p < end)
    {
        if (line_feed && line_feed < p) /// it was inside a quoted field
            line_feed = static_cast<const char *>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
        const char * limit = line_feed ? line_feed : end;
        const char * quote = static_cast<const char *>(std::memchr(p, '"', static_cast<size_t>(limit - p)));
        if (!quote)
            return line_feed;
        const char * before = quote;
        while (before > begin && (before[-1] == ' ' || before[-1] == '\t') && before[-1] != delimiter_)
            --before;
        bool field_start = before == begin || before[-1] == delimiter_;
        p = quote + 1;
        if (!field_start)
            continue;
        while (true)
        {
            const char * close = static_cast<const char *>(std::memchr(p, '"', static_cast<size_t>(end - p)));
            if (!close)
                return nullptr;
            if (close + 1 < end && close[1] == '"')
            {
                p = close + 2;
                continue;
            }
            if (close + 1 == end)
                return nullptr; /// cannot tell "" from the closing quote yet
            p = close + 1;
            break;
        }
    }
    return nullptr;
}

bool InputRowReader::nextRow(std::string_view & row, size_t & line_number)
{
    while (true)
    {
        row_start_ = pos_;
        const char * begin = buffer_.data() + pos_;
        const char * end = buffer_.data() + data_end_;
        const char * row_end = pos_ < data_end_ ? findRowEnd(begin, end) : nullptr;
        bool at_eof = false;
        if (!row_end)
        {
            if (refill())
                continue;
            if (pos_ >= data_end_)
                return false;
            at_eof = true;
            row_end = end;
        }
        size_t length = static_cast<size_t>(row_end - begin);
        line_number = next_line_;
        if (mode_ == Mode::Lines)
            ++next_line_;
        else
        {
            ++next_line_;
            for (const char * p = begin; (p = static_cast<const char *>(std::memchr(p, '\n', static_cast<size_t>(row_end - p)))); ++p)
                ++next_line_;
        }
        pos_ += length + (at_eof ? 0 : 1);
        if (length > 0 && begin[length - 1] == '\r')
            --length;
        row = std::string_view(begin, length);
        if (line_number == 1 && row.starts_with("\xEF\xBB\xBF"))
            row.remove_prefix(3); /// UTF-8 byte order mark
        return true;
    }
}

bool InputRowReader::extendRow(std::string_view & row)
{
    while (true)
    {
        const char * begin = buffer_.data() + pos_;
        const char * end = buffer_.data() + data_end_;
        const char * line_end = pos_ < data_end_ ? findRowEnd(begin, end) : nullptr;
        bool at_eof = false;
        if (!line_end)
        {
            if (refill())
                continue;
            if (pos_ >= data_end_)
                return false;
            at_eof = true;
            line_end = end;
        }
        ++next_line_;
        pos_ = static_cast<size_t>(line_end - buffer_.data()) + (at_eof ? 0 : 1);
        size_t length = static_cast<size_t>(line_end - buffer_.data()) - row_start_;
        const char * row_begin = buffer_.data() + row_start_;
        if (length > 0 && row_begin[length - 1] == '\r')
            --length;
        row = std::string_view(row_begin, length);
        return true;
    }
}

std::string_view InputRowReader::peekLine()
{
    while (true)
    {
        const char * begin = buffer_.data() + pos_;
        const char * end = buffer_.data() + data_end_;
        const char * line_end = pos_ < data_end_ ? findRowEnd(begin, end) : nullptr;
        if (!line_end)
        {
            if (refill())
                continue;
            line_end = end;
        }
        return std::string_view(begin, static_cast<size_t>(line_end - begin));
    }
}

} // namespace pipit
