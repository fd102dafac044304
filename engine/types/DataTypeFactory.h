#pragma once

#include "engine/types/IDataType.h"

#include <string_view>

namespace pipit
{

/// Builds data types from their names (parseDataType in IDataType.h forwards here).
///
/// Names are case-sensitive as in ClickHouse ("UInt8", "Nullable(String)", "DateTime64(3, 'UTC')",
/// "Tuple(a UInt8, b String)", "Decimal(10, 2)", "Decimal64(4)", "FixedString(16)"), plus the
/// case-insensitive SQL aliases ClickHouse accepts: INT/INTEGER -> Int32, BIGINT -> Int64,
/// TINYINT -> Int8, SMALLINT -> Int16, FLOAT/REAL -> Float32, DOUBLE [PRECISION] -> Float64,
/// BOOL/BOOLEAN -> Bool, TEXT/VARCHAR/CHAR/... -> String (length arguments ignored),
/// BINARY(N) -> FixedString(N), TIMESTAMP/DATETIME -> DateTime, DATE -> Date,
/// DECIMAL/NUMERIC/DEC -> Decimal, and "INT UNSIGNED"-style unsigned forms. Whitespace is free
/// between tokens. Errors: UNKNOWN_TYPE or SYNTAX_ERROR naming the 1-based position and the
/// whole input; bad parameters ARGUMENT_OUT_OF_BOUND / BAD_ARGUMENTS.
class DataTypeFactory
{
public:
    static DataTypePtr parse(std::string_view name);
    /// nullptr instead of an exception.
    static DataTypePtr tryParse(std::string_view name);
};

} // namespace pipit
