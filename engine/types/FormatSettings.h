#pragma once

namespace pipit
{

/// Knobs of text serialisation shared by all formats; defaults follow ClickHouse's.
struct FormatSettings
{
    /// FORMAT JSON prints UInt64/Int64 as numbers by default (issue #2); true quotes them.
    bool json_quote_64bit_integers = false;
    /// 128-bit and wider integers and Decimals are quoted in JSON when true (ClickHouse quotes
    /// Int128/UInt128 by default).
    bool json_quote_decimals = false;
    /// JSON output of inf/nan: null when false (ClickHouse default), quoted strings when true.
    bool json_quote_denormals = false;
    /// JSON output escapes '/' as '\\/' (ClickHouse output_format_json_escape_forward_slashes).
    bool json_escape_forward_slashes = true;
    /// JSON output of named tuples as objects {"a":1} (modern ClickHouse default); arrays when false.
    bool json_named_tuples_as_objects = true;
    /// Decimal text keeps trailing fractional zeros (1.50) when true; modern ClickHouse drops them.
    bool decimal_trailing_zeros = false;
    /// Pretty / PrettyCompact / PrettySpace prefix each row with its number "N. " (numbering goes on
    /// across blocks) and indent the borders and the header to match (ClickHouse
    /// output_format_pretty_row_numbers, on by default since 24.x).
    bool pretty_row_numbers = true;
    char csv_delimiter = ',';
    /// Input: accept unquoted NULL / \N as NULL for Nullable columns.
    /// Input for a non-Nullable column: JSON `null`, and TSV / unquoted CSV \N for non-string types,
    /// insert the type's default (an error when false).
    bool null_as_default = true;
};

} // namespace pipit
