#pragma once

#include <cstddef>
#include <cstdint>

namespace pipit
{

using UInt8 = uint8_t;
using UInt16 = uint16_t;
using UInt32 = uint32_t;
using UInt64 = uint64_t;
using Int8 = int8_t;
using Int16 = int16_t;
using Int32 = int32_t;
using Int64 = int64_t;
using Float32 = float;
using Float64 = double;
using Int128 = __int128;
using UInt128 = unsigned __int128;

/// Days since 1970-01-01 (Date is UInt16, Date32 is Int32 in storage).
using DayNum = UInt16;
using ExtendedDayNum = Int32;

} // namespace pipit
