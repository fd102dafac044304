#include "platform/ingest/IngestCsvReader.h"

#include "engine/base/Exception.h"

#include <cstring>

namespace pipit
{

IngestCsvReader::IngestCsvReader(std::string_view body, char delimiter, std::string new_line, char escapechar)
    : body_(body)
    , delimiter_(delimiter)
    , new_line_(std::move(new_line))
    , escapechar_(escapechar)
{
    if (new_line_.empty())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "dialect_new_line must not be empty");
    if (delimiter_ == '"' || delimiter_ == '\n' || delimiter_ == '\r')
        throw Exception(ErrorCode::BAD_ARGUMENTS, "dialect_delimiter must not be a quote or a line break");
    if (new_line_ == "\r\n")
        new_line_ = "\n"; // "\n" accepts both
    /// A UTF-8 byte order mark is not part of the first field.
    if (body_.starts_with("\xEF\xBB\xBF"))
        pos_ = 3;
}

bool IngestCsvReader::atNewLine(size_t pos, size_t & length) const
{
    if (new_line_ == "\n")
    {
        if (body_[pos] == '\n')
        {
            length = 1;
            return true;
        }
        if (body_[pos] == '\r' && pos + 1 < body_.size() && body_[pos + 1] == '\n')
        {
            length = 2;
            return true;
        }
        return false;
    }
    if (body_.compare(pos, new_line_.size(), new_line_) == 0)
    {
        length = new_line_.size();
        return true;
    }
    return false;
}

bool IngestCsvReader::next(std::vector<IngestCsvField> & fields, std::string_view & raw, std::string & error)
{
    fields.clear();
    error.clear();
    size_t terminator = 0;
    /// Skip empty rows.
    while (pos_ < body_.size() && atNewLine(pos_, terminator))
    {
        pos_ += terminator;
        ++line_;
    }
    if (pos_ >= body_.size())
        return false;
    row_line_ = line_;
    const size_t row_start = pos_;
    /// Unescaped fields are collected in scratch_ (which may grow); their views are set once the
    /// row is complete.
    scratch_.clear();
    copied_.clear();
    while (true)
    {
        IngestCsvField field;
        if (pos_ < body_.size() && body_[pos_] == '"')
        {
            field.quoted = true;
            ++pos_;
            size_t start = pos_;
            bool copied = false;
            size_t scratch_start = 0;
            bool closed = false;
            while (pos_ < body_.size())
            {
                char c = body_[pos_];
                bool doubled = c == '"' && pos_ + 1 < body_.size() && body_[pos_ + 1] == '"';
                bool escaped = escapechar_ != 0 && c == escapechar_ && pos_ + 1 < body_.size();
                if (doubled || escaped)
                {
                    if (!copied)
                    {
                        scratch_start = scratch_.size();
                        scratch_.append(body_.substr(start, pos_ - start));
                        copied = true;
                    }
                    scratch_.push_back(body_[pos_ + 1]);
                    pos_ += 2;
                    continue;
                }
                if (c == '"')
                {
                    closed = true;
                    break;
                }
                if (c == '\n')
                    ++line_;
                if (copied)
                    scratch_.push_back(c);
                ++pos_;
            }
            if (!closed)
            {
                error = "unterminated quoted field";
                raw = body_.substr(row_start);
                pos_ = body_.size();
                fields.push_back(field);
                finishRow(fields);
                return true;
            }
            if (copied)
                copied_.push_back({fields.size(), scratch_start, scratch_.size() - scratch_start});
            else
                field.value = body_.substr(start, pos_ - start);
            ++pos_; // closing quote
            /// Text between the closing quote and the delimiter is kept as ClickHouse does not: reject it.
            size_t after = pos_;
            while (after < body_.size() && body_[after] != delimiter_ && !atNewLine(after, terminator))
                ++after;
            if (after != pos_)
            {
                error = "unexpected text after a closing quote";
                pos_ = after;
            }
        }
        else
        {
            size_t start = pos_;
            while (pos_ < body_.size() && body_[pos_] != delimiter_ && !atNewLine(pos_, terminator))
                ++pos_;
            field.value = body_.substr(start, pos_ - start);
            if (new_line_ != "\n" && !field.value.empty() && field.value.back() == '\r')
                field.value.remove_suffix(1);
        }
        fields.push_back(field);
        if (pos_ >= body_.size())
        {
            raw = body_.substr(row_start);
            finishRow(fields);
            return true;
        }
        if (body_[pos_] == delimiter_)
        {
            ++pos_;
            continue;
        }
        if (atNewLine(pos_, terminator))
        {
            raw = body_.substr(row_start, pos_ - row_start);
            pos_ += terminator;
            ++line_;
            finishRow(fields);
            return true;
        }
    }
}

void IngestCsvReader::finishRow(std::vector<IngestCsvField> & fields) const
{
    for (const auto & range : copied_)
        fields[range.field].value = std::string_view(scratch_).substr(range.offset, range.length);
}

} // namespace pipit
