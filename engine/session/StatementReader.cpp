#include "engine/session/StatementReader.h"

#include "engine/base/Exception.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <unistd.h>

namespace pipit
{

namespace
{

bool isWordChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}

} // namespace

StatementReader::StatementReader(int fd)
    : fd_(fd)
{
}

bool StatementReader::fill()
{
    if (eof_)
        return false;
    char chunk[65536];
    while (true)
    {
        ssize_t n = ::read(fd_, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throwFromErrno(ErrorCode::CANNOT_READ_FROM_FILE_DESCRIPTOR, "Cannot read statements from input", errno);
        if (n == 0)
        {
            eof_ = true;
            return false;
        }
        buffer_.append(chunk, static_cast<size_t>(n));
        return true;
    }
}

size_t StatementReader::findStatementEnd(bool & to_eof) const
{
    to_eof = false;
    const std::string & s = buffer_;
    size_t i = pos_;
    // Words seen at top level, to recognise `INSERT ... FORMAT <name>`.
    size_t words = 0;
    bool is_insert = false;
    bool after_format = false;
    while (i < s.size())
    {
        char c = s[i];
        if (c == '\'' || c == '"' || c == '`')
        {
            size_t j = i + 1;
            while (j < s.size() && s[j] != c)
                j += (s[j] == '\\') ? 2 : 1;
            if (j >= s.size())
                return std::string::npos;
            i = j + 1;
            continue;
        }
        if (c == '-' && i + 1 < s.size() && s[i + 1] == '-')
        {
            size_t j = s.find('\n', i);
            if (j == std::string::npos)
                return std::string::npos;
            i = j + 1;
            continue;
        }
        if (c == '/' && i + 1 < s.size() && s[i + 1] == '*')
        {
            size_t j = s.find("*/", i + 2);
            if (j == std::string::npos)
                return std::string::npos;
            i = j + 2;
            continue;
        }
        if (c == ';')
            return i + 1;
        if (isWordChar(c))
        {
            size_t j = i;
            while (j < s.size() && isWordChar(s[j]))
                ++j;
            if (j == s.size() && !eof_)
                return std::string::npos; // the word may continue in the next chunk
            std::string_view word(s.data() + i, j - i);
            if (words == 0 && equalsIgnoreCase(word, "INSERT"))
                is_insert = true;
            if (after_format)
            {
                if (word != "Values")
                {
                    // Data on the same line as FORMAT X ends at the newline (like clickhouse-client's
                    // multi-query mode); data starting on the next line runs to the end of input.
                    size_t k = j;
                    while (k < s.size() && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
                        ++k;
                    if (k == s.size())
                        return std::string::npos; // need more input to decide
                    if (s[k] == '\n')
                    {
                        to_eof = true;
                        return std::string::npos;
                    }
                    size_t line_end = s.find('\n', k);
                    if (line_end == std::string::npos)
                        return eof_ ? s.size() : std::string::npos;
                    return line_end;
                }
                after_format = false;
            }
            else if (is_insert && equalsIgnoreCase(word, "FORMAT"))
                after_format = true;
            ++words;
            i = j;
            continue;
        }
        ++i;
    }
    return std::string::npos;
}

std::optional<std::string> StatementReader::next()
{
    while (true)
    {
        // Skip whitespace and empty statements between statements, counting lines.
        while (true)
        {
            while (pos_ < buffer_.size() && (std::isspace(static_cast<unsigned char>(buffer_[pos_])) || buffer_[pos_] == ';'))
            {
                if (buffer_[pos_] == '\n')
                    ++line_;
                ++pos_;
            }
            if (pos_ < buffer_.size() || !fill())
                break;
        }
        if (pos_ >= buffer_.size())
            return std::nullopt;

        bool to_eof = false;
        size_t end = findStatementEnd(to_eof);
        if (to_eof)
        {
            while (fill())
            {
            }
            end = buffer_.size(); // INSERT ... FORMAT X: the data runs to the end of input
        }
        else if (end == std::string::npos)
        {
            if (fill())
                continue;
            end = buffer_.size(); // last statement without `;`
        }
        statement_line_ = line_;
        std::string statement = buffer_.substr(pos_, end - pos_);
        while (!to_eof && !statement.empty() &&
               (statement.back() == ';' || statement.back() == ' ' || statement.back() == '\t' || statement.back() == '\r'))
            statement.pop_back();
        line_ += static_cast<size_t>(std::count(statement.begin(), statement.end(), '\n'));
        pos_ = end;
        if (pos_ > (1 << 20))
        {
            buffer_.erase(0, pos_);
            pos_ = 0;
        }
        bool only_space =
            std::all_of(statement.begin(), statement.end(), [](char ch) { return std::isspace(static_cast<unsigned char>(ch)); });
        if (!only_space)
            return statement;
    }
}

} // namespace pipit
