#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pipit
{

/// One CSV field of the current row.
struct IngestCsvField
{
    /// Unquoted, unescaped value (a view into the body or into the reader's scratch buffer, valid
    /// until the next call of next()).
    std::string_view value;
    /// The field was enclosed in quotes ("" is an empty string, an unquoted empty field is missing).
    bool quoted = false;
};

/// Splits a CSV body into rows and fields with a dialect (tinybird.md §3.2 dialect_*): any
/// delimiter, a row terminator ("\n" also accepts "\r\n"), fields quoted with '"' where a doubled
/// quote or `escapechar` + char stands for the char. Quoted fields may span lines.
class IngestCsvReader
{
public:
    /// Throws BAD_ARGUMENTS for an empty new_line or a delimiter equal to the quote.
    IngestCsvReader(std::string_view body, char delimiter, std::string new_line, char escapechar);

    /// Reads the next non-empty row into `fields`; false at the end. `raw` is the row's text.
    /// A row with an unterminated quote is returned with `error` set (its raw text runs to the end).
    bool next(std::vector<IngestCsvField> & fields, std::string_view & raw, std::string & error);

    /// 1-based line where the last returned row starts.
    size_t rowLine() const { return row_line_; }

private:
    bool atNewLine(size_t pos, size_t & length) const;
    void finishRow(std::vector<IngestCsvField> & fields) const;

    struct CopiedField
    {
        size_t field;
        size_t offset;
        size_t length;
    };

    std::string_view body_;
    char delimiter_;
    std::string new_line_;
    char escapechar_;
    size_t pos_ = 0;
    size_t line_ = 1;
    size_t row_line_ = 0;
    std::string scratch_;
    std::vector<CopiedField> copied_;
};

} // namespace pipit
