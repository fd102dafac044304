#pragma once

#include "engine/types/IDataType.h"

namespace pipit
{

/// The least common type of `types`, by ClickHouse's rules (used for IF/multiIf branches, arrays
/// and UNION columns):
/// - equal types -> that type; Nothing + T -> T (empty arrays: [] + ['a'] is Array(String));
///   Nullable(Nothing) (the type of the NULL literal) + T -> Nullable(T);
/// - any Nullable -> Nullable(supertype of the nested types); LowCardinality kept only if all are;
/// - Array/Tuple/Map element-wise; String + FixedString -> String;
/// - Date < Date32 < DateTime < DateTime64 (max scale);
/// - Decimal with Decimal or integers -> Decimal with enough integer digits and the max scale;
/// - integers: UInt8 + Int8 -> Int16, UInt64 + Int64 -> Int128 (UInt128 + signed has none);
///   any float -> Float32 if all floats are Float32 and integers are at most 16 bits, else Float64;
///   Bool counts as UInt8.
/// Throws NO_COMMON_TYPE when there is none, naming the types.
DataTypePtr getLeastSupertype(const DataTypes & types);
/// nullptr instead of NO_COMMON_TYPE.
DataTypePtr tryGetLeastSupertype(const DataTypes & types);

} // namespace pipit
