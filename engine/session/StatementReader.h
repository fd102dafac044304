#pragma once

#include <optional>
#include <string>

namespace pipit
{

/// Splits a stream of SQL text into statements as the bytes arrive, so that `pipit sql` executes
/// each statement as soon as its terminating `;` has been read (an interactive or piped session
/// sees results immediately). `;` inside quotes, back-quotes and comments does not end a
/// statement. `INSERT ... FORMAT <name>` (any format but Values): data on the same line as the
/// format name ends at the end of that line (clickhouse-client's multi-query rule; one trailing
/// `;` is dropped); data starting on the next line runs to the end of the input.
class StatementReader
{
public:
    /// Reads from file descriptor `fd` (not owned).
    explicit StatementReader(int fd);

    /// The next statement's text without the terminating `;` (whitespace-only statements are
    /// skipped); nullopt at end of input.
    std::optional<std::string> next();

    /// 1-based line of the input where the last returned statement starts (for error messages).
    size_t statementLine() const { return statement_line_; }

private:
    bool fill();
    /// Offset just past the end of the statement starting at pos_ if it is complete in buffer_,
    /// or npos; `to_eof` is set when the statement runs to the end of input.
    size_t findStatementEnd(bool & to_eof) const;

    int fd_;
    bool eof_ = false;
    std::string buffer_;
    size_t pos_ = 0;
    size_t line_ = 1;
    size_t statement_line_ = 1;
};

} // namespace pipit
