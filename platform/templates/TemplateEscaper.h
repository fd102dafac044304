#pragma once

#include <string>
#include <string_view>

namespace pipit
{

/// Tinybird's SQL escaping (tinybird.md §2.4). Each of NUL, CR, backspace, TAB, 0x1A, LF, `'`, backslash, `%`
/// and backtick becomes a backslash sequence (\0 \r \b \t \z \n \' \\ \% \`).
class TemplateEscaper
{
public:
    /// String-literal mapping: `"` becomes \" (used for values rendered as '...').
    static std::string escapeString(std::string_view text);
    /// `'` + escapeString(text) + `'`.
    static std::string quoteString(std::string_view text);
    /// Identifier mapping (column, symbol, table, sql_unescape): `"` is deleted.
    static std::string escapeIdentifier(std::string_view text);
};

} // namespace pipit
