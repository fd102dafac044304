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
    char csv_delimiter = ',';
    /// Input: accept unquoted NULL / \N as NULL for Nullable columns.
    bool null_as_default = true;
};

} // namespace pipit
