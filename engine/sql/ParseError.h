#pragma once

#include "engine/base/Exception.h"

#include <cstddef>

namespace pipit
{

/// A syntax error with its position; code() is always SYNTAX_ERROR. The message reads like ClickHouse's:
/// "Syntax error at line 3, column 14: expected one of: FROM, WHERE, ... got 'FORM'".
/// line and column are 1-based; column counts bytes; offset is the 0-based byte offset in the text.
class ParseError : public Exception
{
public:
    ParseError(std::string message, size_t offset, size_t line, size_t column)
        : Exception(ErrorCode::SYNTAX_ERROR, std::move(message))
        , offset_(offset)
        , line_(line)
        , column_(column)
    {
    }

    size_t offset() const { return offset_; }
    size_t line() const { return line_; }
    size_t column() const { return column_; }

private:
    size_t offset_;
    size_t line_;
    size_t column_;
};

} // namespace pipit
